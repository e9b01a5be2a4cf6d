/**
 * The preflight's estimate against what a snapshot really adds to the target's peak RSS.
 *
 *   npm run bench:preflight -- [--nodes 20,22,24,26] [--shapes small-objects,service,large-arrays,buffers]
 *                              [--mb 40,150] [--methods cdp-stream,target-file]
 *
 * For each Node version, heap shape, size and capture method: a fresh target process builds the
 * heap, is collected, and its heap statistics are read as the preflight reads them; its peak RSS
 * (VmHWM) is reset, one snapshot is captured, and the peak's growth over the RSS before is the
 * measured cost. Prints one row each: estimate, measured, estimate / measured (under 1 is an
 * underestimate), and the per-byte figures the model is fitted from. Targets run one at a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureMethod, attach } from '../src/inspector/inspector';
import { runPreflight } from '../src/inspector/preflight';
import { HEAP_SHAPES, HeapShape, mb, readPeaks, resetPeaks, startBenchTarget } from './benchTargets';

function list(name: string, fallback: string): string[] {
  const at = process.argv.indexOf(`--${name}`);
  return (at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback).split(',');
}

async function main(): Promise<void> {
  const nodes = list('nodes', '20,22,24,26').map(Number);
  const shapes = list('shapes', HEAP_SHAPES.join(',')) as HeapShape[];
  const sizes = list('mb', '40,150').map(Number);
  const methods = list('methods', 'cdp-stream,target-file') as Exclude<CaptureMethod, 'auto'>[];
  const dir = mkdtempSync(join(tmpdir(), 'heapscope-preflight-bench-'));
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores, shared: figures are noisy)`);
  console.log('node     shape          MB   method       heapMB  largeMB  extMB  snapMB  estMB  measMB  est/meas  meas/smallByte');
  try {
    for (const major of nodes) {
      for (const shape of shapes) {
        for (const size of sizes) {
          for (const method of methods) {
            const target = await startBenchTarget(major, shape, size);
            try {
              const session = await attach({ pid: target.pid }, { commandTimeoutMs: 120_000 });
              try {
                await session.connection.send('HeapProfiler.collectGarbage', undefined, { timeoutMs: 0 });
                const pre = await runPreflight(session.connection, session.pid);
                const before = await resetPeaks(session);
                const file = join(dir, `${major}-${shape}-${size}-${method}.heapsnapshot`);
                const result = await session.capture({ file, method, force: true, stallTimeoutMs: 300_000 });
                const { peakRss } = await readPeaks(session);
                rmSync(file, { force: true });
                const measured = peakRss - before;
                const small = pre.heap.usedHeapBytes - pre.heap.largeObjectBytes;
                console.log(
                  [
                    target.version.padEnd(8),
                    shape.padEnd(14),
                    String(size).padStart(4),
                    result.method.padEnd(12),
                    String(mb(pre.heap.usedHeapBytes)).padStart(6),
                    String(mb(pre.heap.largeObjectBytes)).padStart(7),
                    String(mb(pre.heap.externalBytes)).padStart(6),
                    String(mb(result.bytes)).padStart(6),
                    String(mb(pre.estimatedBytes)).padStart(6),
                    String(mb(measured)).padStart(6),
                    (pre.estimatedBytes / measured).toFixed(2).padStart(8),
                    (measured / small).toFixed(2).padStart(14),
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
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
