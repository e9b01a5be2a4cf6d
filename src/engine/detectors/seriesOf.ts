import { HeapGraph } from '../graph/heapGraph';
import { ID_IN_KEY } from './idKey';
import { idAlignment, translateIds } from './idRenumbering';

/** What a detector measures per snapshot for one group of objects, keyed stably across a series. */
export interface Measured {
  /**
   * Stable across snapshots of one process: built from node ids, each written with `idKey` so
   * the series can translate it when V8 renumbered the objects between snapshots; never ordinals.
   */
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
  /** True when an earlier step was found by retainer path because V8 had renumbered the ids. */
  matchedByPath: boolean;
}

/**
 * Runs `scan` on every snapshot and lines each group of the last snapshot up with the groups of
 * the same key in the earlier ones: the growth a detector judges is tracked by node id at every
 * step, not inferred from class totals. When an earlier snapshot's ids do not line up with the
 * last one's (a separate inspector session: idRenumbering.ts), the ids in its keys are
 * translated to the last snapshot's through the objects' retainer paths; an id with no match
 * there matches no group.
 */
export async function seriesOf<C extends Measured>(
  snapshots: readonly HeapGraph[],
  scan: (graph: HeapGraph, isLast: boolean) => Promise<C[]>,
  checkpoint: () => Promise<void> = async () => {},
): Promise<SeriesEntry<C>[]> {
  const perSnapshot: Map<string, C>[] = [];
  const renumbered: boolean[] = [];
  const lastGraph = snapshots[snapshots.length - 1];
  for (let i = 0; i < snapshots.length; i++) {
    const groups = await scan(snapshots[i], i === snapshots.length - 1);
    renumbered.push(i < snapshots.length - 1 && (await idAlignment(snapshots[i], lastGraph, checkpoint)).renumbered);
    const keyed = renumbered[i] ? await translatedKeys(snapshots[i], lastGraph, groups, checkpoint) : groups.map((c) => c.key);
    perSnapshot.push(new Map(groups.map((c, j) => [keyed[j], c])));
  }
  const last = perSnapshot[perSnapshot.length - 1] ?? new Map<string, C>();
  return [...last.values()].map((c) => {
    const steps = perSnapshot.map((m) => m.get(c.key) ?? null);
    return { last: c, steps, matchedByPath: steps.some((s, i) => s !== null && renumbered[i]) };
  });
}

async function translatedKeys<C extends Measured>(
  from: HeapGraph, to: HeapGraph, groups: readonly C[], checkpoint: () => Promise<void>,
): Promise<string[]> {
  const ids = new Set<number>();
  for (const c of groups) for (const m of c.key.matchAll(ID_IN_KEY)) ids.add(Number(m[1]));
  const map = await translateIds(from, to, ids, checkpoint);
  return groups.map((c) => c.key.replace(ID_IN_KEY, (_, id: string) => {
    const there = map.get(Number(id));
    return there === null || there === undefined ? `#?${id}#` : `#${there}#`;
  }));
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
