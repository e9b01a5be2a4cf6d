import { Preflight, describePreflight } from '../inspector/inspector';
import { formatBytes } from '../protocol/format';

/**
 * The warning printed before every capture, with the preflight's estimate (src/inspector/preflight.ts).
 * The pause figure was measured with a 190 MB heap; bench/capturePaths.bench.ts measures it again.
 */
export function captureCostWarning(who: string, usage: { usedSize: number; totalSize: number }, preflight: Preflight): string {
  const room =
    preflight.availableBytes === null
      ? `  How much more memory it may use could not be read (no cgroup or /proc/meminfo figure).\n`
      : `  ${describePreflight(preflight).replace(/^the snapshot/, 'The snapshot')}${preflight.limitPath ? ` (${preflight.limitPath})` : ''}.\n`;
  return (
    `heapscope: ${who} uses ${formatBytes(usage.usedSize)} of JS heap (${formatBytes(usage.totalSize)} allocated).\n` +
    `  A heap snapshot stops its event loop while V8 writes it (a 190 MB heap took 14-16 s on an idle machine). Requests it serves will wait.\n` +
    room
  );
}
