import { Preflight, describePreflight } from '../inspector/inspector';
import { formatBytes } from './numberFormat';

/**
 * The warning printed before every capture, with the preflight's estimate. The pause figure is
 * measured (bench/capturePaths.bench.ts; bench/README.md).
 */
export function captureCostWarning(who: string, usage: { usedSize: number; totalSize: number }, preflight: Preflight): string {
  const room =
    preflight.availableBytes === null
      ? `  How much more memory it may use could not be read (no cgroup or /proc/meminfo figure).\n`
      : `  ${describePreflight(preflight).replace(/^the snapshot/, 'The snapshot')}${preflight.limitPath ? ` (${preflight.limitPath})` : ''}.\n`;
  return (
    `heapscope: ${who} uses ${formatBytes(usage.usedSize)} of JS heap (${formatBytes(usage.totalSize)} allocated).\n` +
    `  A heap snapshot stops its event loop while V8 writes it (a 170 MB heap took 10-20 s). Requests it serves will wait.\n` +
    room
  );
}
