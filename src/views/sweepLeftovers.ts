import * as vscode from 'vscode';
import { sweepCaptureLeftovers } from '../inspector/inspector';
import { log } from './heapscopeLog';

/**
 * When the extension starts, removes the work files of captures whose process died in the
 * snapshot folder (src/inspector/captureLeftovers.ts): a window reloaded or closed mid-capture
 * leaves one. Once now, and once more a little later, because a reloaded window's previous
 * extension host may still be shutting down when this one starts, and a live owner's files stay.
 */
export const SECOND_SWEEP_MS = 15_000;

export function sweepLeftoversAtStart(dir: string): vscode.Disposable {
  const sweep = () =>
    void sweepCaptureLeftovers(dir).then(
      (removed) => {
        if (removed.length > 0) log.info('capture', `removed ${removed.length} unfinished capture file(s) left in ${dir} by a Heapscope that stopped mid-capture`);
      },
      (error) => log.error('capture', `cleaning ${dir}`, error),
    );
  sweep();
  const later = setTimeout(sweep, SECOND_SWEEP_MS);
  return { dispose: () => clearTimeout(later) };
}
