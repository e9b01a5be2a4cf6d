import { ClassDelta, ClassSummary, DiffResult } from '../../protocol/engineApi';
import { aggregateClasses } from './classAggregates';
import { SnapshotAnalysis } from './snapshotAnalysis';

/**
 * Diff of two or three snapshots of one process, matched by V8 node id (stable within a
 * process). Per class name (rows of the same name from different constructor locations are
 * merged): objects new in B, deleted since A, and the count and size deltas. Like DevTools'
 * Comparison view, only nodes with a non-zero shallow size count. With a third snapshot C:
 * the objects allocated between A and B (in B, not in A) that are still alive in C, per class,
 * with counts, sizes and retained sizes as C has them (retained without double counting).
 */
export async function diffSnapshots(snapshots: readonly SnapshotAnalysis[], checkpoint: () => Promise<void>): Promise<DiffResult> {
  if (snapshots.length < 2 || snapshots.length > 3) throw new Error(`diff takes two or three snapshots, got ${snapshots.length}`);
  const [a, b, c] = snapshots;
  const rows = new Map<string, ClassDelta>();
  const row = (name: string) => {
    let r = rows.get(name);
    if (!r) {
      r = { name, newCount: 0, deletedCount: 0, countDelta: 0, newSize: 0, deletedSize: 0, sizeDelta: 0 };
      rows.set(name, r);
    }
    return r;
  };
  await countMissing(b, a, checkpoint, (name, size) => {
    const r = row(name);
    r.newCount++;
    r.newSize += size;
  });
  await countMissing(a, b, checkpoint, (name, size) => {
    const r = row(name);
    r.deletedCount++;
    r.deletedSize += size;
  });
  const classes = [...rows.values()];
  for (const r of classes) {
    r.countDelta = r.newCount - r.deletedCount;
    r.sizeDelta = r.newSize - r.deletedSize;
  }
  classes.sort((x, y) => y.sizeDelta - x.sizeDelta || y.countDelta - x.countDelta || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));

  let retainedFromMiddle: ClassSummary[] | null = null;
  if (c) {
    const aIds = a.ids();
    const bIds = b.ids();
    const g = c.graph;
    const include = new Uint8Array(g.nodeCount);
    for (let node = 0; node < g.nodeCount; node++) {
      const id = g.nodeId[node];
      if (bIds.has(id) && !aIds.has(id)) include[node] = 1;
      if ((node & 0xffff) === 0) await checkpoint();
    }
    const index = await c.classes(checkpoint);
    const agg = await aggregateClasses(g, index, checkpoint, include);
    const byName = new Map<string, ClassSummary>();
    for (let k = 0; k < index.names.length; k++) {
      if (agg.count[k] === 0) continue;
      const name = index.names[k];
      const s = byName.get(name) ?? { name, count: 0, selfSize: 0, retainedSize: 0 };
      s.count += agg.count[k];
      s.selfSize += agg.selfSize[k];
      s.retainedSize += agg.retainedSize[k];
      byName.set(name, s);
    }
    retainedFromMiddle = [...byName.values()].sort((x, y) => y.retainedSize - x.retainedSize || y.count - x.count);
  }
  return { classes, retainedFromMiddle };
}

/** Calls `found` for each counted node of `inside` whose id `other` lacks. */
async function countMissing(
  inside: SnapshotAnalysis, other: SnapshotAnalysis, checkpoint: () => Promise<void>, found: (name: string, size: number) => void,
): Promise<void> {
  const g = inside.graph;
  const { classOf, names } = await inside.classes(checkpoint);
  const otherIds = other.ids();
  for (let node = 0; node < g.nodeCount; node++) {
    if ((node & 0xffff) === 0) await checkpoint();
    const size = g.nodeSelfSize[node];
    if (size === 0 || otherIds.has(g.nodeId[node])) continue;
    found(names[classOf[node]], size);
  }
}
