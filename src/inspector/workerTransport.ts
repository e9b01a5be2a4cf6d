import type { CdpConnection } from './cdpConnection';
import type { CdpTransport } from './cdpTransport';

/**
 * A worker thread's own CDP session, carried inside its parent's connection: frames out go as
 * NodeWorker.sendMessageToWorker, frames in arrive as NodeWorker.receivedMessageFromWorker with
 * our sessionId. Flow control pauses the parent's wire, which is where the worker's snapshot
 * chunks travel. Closing detaches from the worker (NodeWorker.detach); the parent stays open.
 */
export class WorkerTransport implements CdpTransport {
  private readonly messageListeners = new Set<(text: string) => void>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private readonly unsubscribe: (() => void)[];
  private closeReason: string | undefined;

  constructor(
    private readonly parent: CdpConnection,
    readonly sessionId: string,
  ) {
    this.unsubscribe = [
      parent.on('NodeWorker.receivedMessageFromWorker', (e) => {
        if (e.sessionId !== sessionId || this.closeReason !== undefined) return;
        for (const l of [...this.messageListeners]) l(e.message);
      }),
      parent.on('NodeWorker.detachedFromWorker', (e) => {
        if (e.sessionId === sessionId) this.closedBy('the worker thread ended or was detached');
      }),
      parent.onClose((reason) => this.closedBy(`the parent connection closed (${reason})`)),
    ];
  }

  get closed(): boolean {
    return this.closeReason !== undefined;
  }

  send(text: string): void {
    if (this.closeReason !== undefined) return;
    // An answer to the worker's command comes back as a message from the worker; this reply only acknowledges delivery.
    this.parent.send('NodeWorker.sendMessageToWorker', { message: text, sessionId: this.sessionId }, { timeoutMs: 0 }).catch(() => undefined);
  }

  onMessage(listener: (text: string) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    if (this.closeReason !== undefined) {
      const reason = this.closeReason;
      queueMicrotask(() => listener(reason));
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  pause(): void {
    this.parent.transport.pause();
  }

  resume(): void {
    this.parent.transport.resume();
  }

  async close(): Promise<void> {
    if (this.closeReason !== undefined) return;
    this.parent.transport.resume();
    await this.parent.send('NodeWorker.detach', { sessionId: this.sessionId }, { timeoutMs: 2000 }).catch(() => undefined);
    this.closedBy('closed by heapscope');
  }

  private closedBy(reason: string): void {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    for (const u of this.unsubscribe) u();
    for (const l of this.closeListeners) l(reason);
    this.closeListeners.clear();
    this.messageListeners.clear();
  }
}
