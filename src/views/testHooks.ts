import { appendFile } from 'node:fs/promises';
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';

/**
 * Hooks for the end-to-end tests, and only for them: they exist only when the extension host's
 * environment names a file in HEAPSCOPE_TEST_HOOKS, and their commands are not contributed in
 * package.json, so a user never sees them (the tests bind keys to them in their own user profile).
 *
 * `heapscope.test.loopDelayStart` starts measuring this extension host's event-loop delay
 * (perf_hooks.monitorEventLoopDelay, a 10 ms timer); `heapscope.test.loopDelayStop` appends what
 * it saw since the start to that file as one JSON line, in milliseconds. The promise is
 * that the host stays responsive while the engine worker loads a large snapshot.
 */
export const TEST_HOOKS_ENV = 'HEAPSCOPE_TEST_HOOKS';

export interface LoopDelayReport {
  durationMs: number;
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function registerTestHooks(): vscode.Disposable[] {
  const out = process.env[TEST_HOOKS_ENV];
  if (!out) return [];
  let histogram: IntervalHistogram | null = null;
  let startedAt = 0;
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return [
    vscode.commands.registerCommand('heapscope.test.loopDelayStart', () => {
      histogram?.disable();
      histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      startedAt = Date.now();
    }),
    vscode.commands.registerCommand('heapscope.test.loopDelayStop', async () => {
      const h = histogram;
      if (!h) return;
      histogram = null;
      h.disable();
      const report: LoopDelayReport = {
        durationMs: Date.now() - startedAt, count: h.count, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean),
      };
      await appendFile(out, `${JSON.stringify(report)}\n`);
    }),
    { dispose: () => histogram?.disable() },
  ];
}
