import type { TargetHeapStats } from './targetHeapStats';

/**
 * What a heap snapshot adds to the target's peak RSS, from its heap statistics. V8 builds the
 * whole snapshot graph in the target (an entry per object, one per reference, a copy of each name)
 * before it writes a byte, so the cost follows the number of objects, not their bytes: small
 * objects cost many times their size, a large array or string (large-object space) little more
 * than one entry, and Buffer contents (external memory) nothing. Coefficients are fitted to
 * bench/preflight.bench.ts on Node 20/22/24/26 (figures in bench/README.md), rounded up to the
 * worst version and shape.
 */
export const SNAPSHOT_COST = {
  /** Peak RSS growth per byte of the heap outside the large-object spaces. */
  // Measured 26.0-28.3 for many small objects, 10.7-11.7 for a service-like heap (whose
  // estimate is therefore 2.5-2.8x too high: heap statistics do not count objects).
  perSmallHeapByte: 30,
  /** Per byte in the large-object spaces (measured: no growth beyond the rest of the heap's). */
  perLargeObjectByte: 0.25,
  /** Fixed part (the snapshot's own bookkeeping, the serializer's buffers). */
  fixedBytes: 16 * 1024 * 1024,
} as const;

export function estimateSnapshotCost(stats: Pick<TargetHeapStats, 'usedHeapBytes' | 'largeObjectBytes'>): number {
  const large = Math.min(stats.largeObjectBytes, stats.usedHeapBytes);
  const small = stats.usedHeapBytes - large;
  return Math.round(small * SNAPSHOT_COST.perSmallHeapByte + large * SNAPSHOT_COST.perLargeObjectByte + SNAPSHOT_COST.fixedBytes);
}
