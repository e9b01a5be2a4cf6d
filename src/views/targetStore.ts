import * as vscode from 'vscode';
import { CurrentValue } from './currentValue';

/** A process Heapscope is attached to. */
export interface Target {
  pid: number | null;
  /** What the user recognises: command line or inspector title. */
  title: string;
  /** The inspector's WebSocket URL while attached. */
  webSocketUrl: string;
  /** True when Heapscope switched the inspector on (and so must switch it off on detach). */
  switchedOn: boolean;
  /** Its worker threads, listed after attaching (NodeWorker); each can be captured on its own. */
  workers?: readonly TargetWorker[];
}

/** A worker thread of the attached target, as the Targets view shows it. */
export interface TargetWorker {
  threadId: number;
  index: number;
  title: string;
}

/** The attached target (one at a time). Feeds the Targets view and the `heapscope.attached` context key. */
export class TargetStore extends CurrentValue<Target> {
  override set(target: Target | null): void {
    void vscode.commands.executeCommand('setContext', 'heapscope.attached', target !== null);
    super.set(target);
  }
}
