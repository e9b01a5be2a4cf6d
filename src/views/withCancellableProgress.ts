import * as vscode from 'vscode';
import { CallOptions, CancelledError, ProgressEvent } from '../protocol/rpc';
import { progressText } from './progressText';

/**
 * Runs long work (loading or analysing in the engine, attaching or capturing through the
 * inspector) under a notification with percent and a Cancel button. Cancel aborts the
 * AbortSignal handed to the work: the RPC client turns it into a cancel message to the engine
 * worker; the inspector stops the attach or capture and detaches. The notification closes at once on Cancel, while the
 * worker or the inspector finishes cleaning up behind it (a cancelled capture waits for the
 * target to close its inspector port). VS Code's bar only moves forward, so it follows the furthest percent seen; the
 * message names the current phase and its own percent.
 */
export function withCancellableProgress<T>(title: string, work: (options: CallOptions) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      let shown = 0;
      const onProgress = (event: ProgressEvent) => {
        const text = progressText(event);
        const increment = Math.max(0, text.percent - shown);
        shown += increment;
        progress.report({ message: text.message, increment });
      };
      const aborted = new Promise<never>((_resolve, reject) => {
        controller.signal.addEventListener('abort', () => reject(new CancelledError()), { once: true });
      });
      const running = work({ signal: controller.signal, onProgress });
      // Once cancelled, the work's own (later) rejection is expected and not reported again.
      running.catch(() => undefined);
      try {
        return await Promise.race([running, aborted]);
      } finally {
        subscription.dispose();
      }
    },
  );
}
