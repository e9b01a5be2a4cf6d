import * as vscode from 'vscode';
import { CallOptions, CancelledError, ProgressEvent } from '../protocol/rpc';
import { log, LogTag } from './heapscopeLog';
import { progressText } from './progressText';

/**
 * Runs long engine or inspector work under a notification with percent and a Cancel button.
 * Cancel aborts the AbortSignal handed to the work, which the RPC client turns into a cancel
 * message to the worker. The notification closes at once on Cancel, while the worker or the
 * inspector finishes cleaning up behind it (a cancelled capture waits for the target to close its
 * inspector port). VS Code's bar only moves forward, so it follows the furthest percent seen; the
 * message names the current phase and its own percent.
 */
export function withEngineProgress<T>(title: string, work: (options: CallOptions) => Promise<T>): Thenable<T> {
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

/** True for an error that only says the user cancelled. */
export function isCancellation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECANCELLED' || (error instanceof Error && error.name === 'AbortError');
}

/** Shows an error unless it was a cancellation; never throws. */
export function reportFailure(what: string, error: unknown, tag: LogTag = 'engine'): void {
  if (isCancellation(error)) {
    log.info(tag, `${what} cancelled`);
    void vscode.window.setStatusBarMessage(`Heapscope: ${what} cancelled`, 4000);
    return;
  }
  log.error(tag, what, error);
  const message = error instanceof Error ? error.message : String(error);
  void vscode.window.showErrorMessage(`Heapscope: ${what} failed: ${message}`);
}
