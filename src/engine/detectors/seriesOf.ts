import { HeapGraph } from '../graph/heapGraph';

/** What a detector measures per snapshot for one group of objects, keyed stably across a series. */
export interface Measured {
  /** Stable across snapshots of one process: built from node ids, never ordinals. */
  key: string;
  /** Bytes the group keeps alive. */
  bytes: number;
  /** Objects in the group (entries, listeners, timers, …). */
  count: number;
}

export interface SeriesEntry<C extends Measured> {
  /** The group in the last snapshot. */
  last: C;
  /** The same group in each snapshot of the series, in capture order (last included); null where absent. */
  steps: (C | null)[];
}

/**
 * Runs `scan` on every snapshot and lines each group of the last snapshot up with the groups of
 * the same key in the earlier ones: the growth a detector judges is tracked by node id at every
 * step, not inferred from class totals.
 */
export async function seriesOf<C extends Measured>(
  snapshots: readonly HeapGraph[],
  scan: (graph: HeapGraph, isLast: boolean) => Promise<C[]>,
): Promise<SeriesEntry<C>[]> {
  const perSnapshot: Map<string, C>[] = [];
  for (let i = 0; i < snapshots.length; i++) {
    const groups = await scan(snapshots[i], i === snapshots.length - 1);
    perSnapshot.push(new Map(groups.map((c) => [c.key, c])));
  }
  const last = perSnapshot[perSnapshot.length - 1] ?? new Map<string, C>();
  return [...last.values()].map((c) => ({ last: c, steps: perSnapshot.map((m) => m.get(c.key) ?? null) }));
}

/** True when the count rose at every step of a series of three or more snapshots. */
export function growsAtEveryStep<C extends Measured>(entry: SeriesEntry<C>, minStepGrowth = 1): boolean {
  const steps = entry.steps;
  if (steps.length < 3) return false;
  for (let i = 1; i < steps.length; i++) {
    const prev = steps[i - 1]?.count ?? 0;
    const cur = steps[i]?.count ?? 0;
    if (cur - prev < minStepGrowth) return false;
  }
  return true;
}

/** True when the bytes rose at every step of a series of three or more snapshots. */
export function bytesGrowAtEveryStep<C extends Measured>(entry: SeriesEntry<C>): boolean {
  const steps = entry.steps;
  if (steps.length < 3) return false;
  for (let i = 1; i < steps.length; i++) if ((steps[i]?.bytes ?? 0) <= (steps[i - 1]?.bytes ?? 0)) return false;
  return true;
}

/** Bytes per snapshot, from first to last (0 where the group is absent), and the mean growth per step. */
export function bytesSeries<C extends Measured>(entry: SeriesEntry<C>): { series: number[]; growth: number | null } {
  const series = entry.steps.map((s) => s?.bytes ?? 0);
  if (series.length < 2) return { series, growth: null };
  return { series, growth: Math.round((series[series.length - 1] - series[0]) / (series.length - 1)) };
}
