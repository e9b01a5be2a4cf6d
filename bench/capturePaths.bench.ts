/**
 * The two ways a snapshot reaches the disk, side by side on the same heap:
 *   cdp-stream   V8 sends it over the inspector connection in chunks; Heapscope writes the file
 *   target-file  the target writes it itself (v8.writeHeapSnapshot) into Heapscope's private directory
 *
 *   npm run bench:capture-paths -- [--nodes 20,22,24,26] [--shape service] [--mb 200] [--runs 1]
 *
 * Each run is a fresh target (so neither method inherits the other's grown heap), collected first.
 * Prints the capture's wall time, the target's longest event-loop block (a 5 ms timer inside it),
 * its peak RSS (VmHWM, reset before the capture) and that peak's growth. Targets run one at a
 * time; the methods alternate which goes first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureMethod, attach } from '../src/inspector/inspector';
import { HeapShape, mb, readPeaks, resetPeaks, startBenchTarget } from './benchTargets';
import { option } from './benchOption';

async function main(): Promise<void> {
  const nodes = option('nodes', '20,22,24,26').split(',').map(Number);
  const shape = option('shape', 'service') as HeapShape;
  const size = Number(option('mb', '200'));
  const runs = Number(option('runs', '1'));
  const dir = mkdtempSync(join(tmpdir(), 'heapscope-paths-bench-'));
  console.log(`${shape} heap of about ${size} MB; load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (2 shared cores: noisy)`);
  console.log('node      method        heapMB  snapMB  seconds  pauseS  rssBeforeMB  peakRssMB  growthMB');
  try {
    for (const major of nodes) {
      for (let run = 0; run < runs; run++) {
        const order: Exclude<CaptureMethod, 'auto'>[] = run % 2 === 0 ? ['cdp-stream', 'target-file'] : ['target-file', 'cdp-stream'];
        for (const method of order) {
          const target = await startBenchTarget(major, shape, size);
          try {
            const session = await attach({ pid: target.pid }, { commandTimeoutMs: 120_000 });
            try {
              await session.connection.send('HeapProfiler.collectGarbage', undefined, { timeoutMs: 0 });
              const heap = await session.heapUsage();
              const before = await resetPeaks(session);
              const file = join(dir, `${major}-${method}.heapsnapshot`);
              const result = await session.capture({ file, method, force: true, stallTimeoutMs: 300_000 });
              const { peakRss, pauseMs } = await readPeaks(session);
              rmSync(file, { force: true });
              console.log(
                [
                  target.version.padEnd(8),
                  result.method.padEnd(12),
                  String(mb(heap.usedSize)).padStart(6),
                  String(mb(result.bytes)).padStart(6),
                  (result.durationMs / 1000).toFixed(1).padStart(7),
                  (pauseMs / 1000).toFixed(1).padStart(6),
                  String(mb(before)).padStart(11),
                  String(mb(peakRss)).padStart(9),
                  String(mb(peakRss - before)).padStart(8),
                ].join('  '),
              );
            } finally {
              await session.detach();
            }
          } finally {
            await target.kill();
          }
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
