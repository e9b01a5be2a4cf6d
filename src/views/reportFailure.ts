import * as vscode from 'vscode';
import { log, LogTag } from './heapscopeLog';
import { ErrorCode } from '../protocol/errorCode';

/** True for an error that only says the user cancelled. */
export function isCancellation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === ErrorCode.Cancelled || (error instanceof Error && error.name === 'AbortError');
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
