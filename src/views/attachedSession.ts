import * as vscode from 'vscode';
import { DetachReport, InspectorSession, listWorkers } from '../inspector/inspector';
import { TargetStore } from './targetStore';

/**
 * The one inspector session the extension holds. Attaching again detaches the previous one
 * first; disposing the extension detaches too, so no session outlives VS Code and an inspector
 * Heapscope switched on is switched off again.
 */
export class AttachedSession implements vscode.Disposable {
  private session: InspectorSession | null = null;
  /** The detaches under way, for deactivate(). */
  private leaving: Promise<unknown> = Promise.resolve();

  constructor(private readonly targets: TargetStore) {}

  get current(): InspectorSession | null {
    if (this.session?.detached) this.clear();
    return this.session;
  }

  async replace(session: InspectorSession, title: string, webSocketUrl: string): Promise<void> {
    await this.detach();
    this.session = session;
    this.targets.set({ pid: session.pid, title, webSocketUrl, switchedOn: session.switchedOn });
    await this.refreshWorkers();
  }

  /** Lists the attached process's worker threads into the Targets view; a failure lists none. */
  async refreshWorkers(): Promise<void> {
    const session = this.session;
    const target = this.targets.current;
    if (!session || !target) return;
    const workers = await listWorkers(session).catch(() => []);
    if (this.session === session && this.targets.current === target) {
      this.targets.set({ ...target, workers: workers.map((w) => ({ threadId: w.threadId, index: w.index, title: w.title })) });
    }
  }

  /** Detaches if attached; returns how the target was left, or null when nothing was attached. */
  async detach(): Promise<DetachReport | null> {
    const session = this.session;
    if (!session) return null;
    this.clear();
    const detached = session.detach();
    this.leaving = Promise.all([this.leaving, detached.catch(() => undefined)]);
    return detached;
  }

  /**
   * Detaches, and resolves once every detach under way has finished: deactivate() returns it, so
   * a reloading window's extension host lives long enough to tell the target it leaves (a target
   * busy with a snapshot runs that message when it is done, after we are gone).
   */
  leave(): Promise<unknown> {
    void this.detach();
    return this.leaving;
  }

  /** Call after a failure: a capture that failed or was cancelled detaches the session itself. */
  syncAfterFailure(): void {
    if (this.session?.detached) this.clear();
  }

  private clear(): void {
    this.session = null;
    this.targets.set(null);
  }

  dispose(): void {
    void this.detach();
  }
}
