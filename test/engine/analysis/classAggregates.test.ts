import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateClasses } from '../../../src/engine/analysis/classAggregates';
import { buildClassIndex } from '../../../src/engine/analysis/classIndex';
import { SnapshotBuilder } from '../snapshotBuilder';
import { graphOf, noPause } from './builderGraph';

async function aggregatesOf(b: SnapshotBuilder, include?: (graphOrdinal: number) => boolean) {
  const graph = await graphOf(b);
  const index = await buildClassIndex(graph, noPause);
  const mask = include ? Uint8Array.from({ length: graph.nodeCount }, (_, i) => (include(i) ? 1 : 0)) : undefined;
  const agg = await aggregateClasses(graph, index, noPause, mask);
  const row = (name: string) => {
    const c = index.names.indexOf(name);
    return { count: agg.count[c], selfSize: agg.selfSize[c], retainedSize: agg.retainedSize[c] };
  };
  return { graph, row };
}

test('a class nested in itself counts its retained size once', async () => {
  // gc → A1(100) → A2(50) → s(10); gc → A3(7). A2 sits inside A1 in the dominator tree.
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const a1 = b.node('object', 'A', 100);
  const a2 = b.node('object', 'A', 50);
  const a3 = b.node('object', 'A', 7);
  const s = b.node('object', 'S', 10);
  b.edge(gc, a1, 'element', 1).edge(a1, a2, 'property', 'child').edge(a2, s, 'property', 's').edge(gc, a3, 'element', 2);
  const { row } = await aggregatesOf(b);
  assert.deepEqual(row('A'), { count: 3, selfSize: 157, retainedSize: 160 + 7 });
  assert.deepEqual(row('S'), { count: 1, selfSize: 10, retainedSize: 10 });
});

test('a member shared by two same-class parents is not inside either', async () => {
  // gc → A1 → A3, gc → A2 → A3: A3 is dominated by (GC roots), so it counts on its own.
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const [a1, a2, a3] = [b.node('object', 'A', 10), b.node('object', 'A', 20), b.node('object', 'A', 40)];
  b.edge(gc, a1, 'element', 1).edge(gc, a2, 'element', 2).edge(a1, a3, 'property', 'x').edge(a2, a3, 'property', 'x');
  const { row } = await aggregatesOf(b);
  assert.deepEqual(row('A'), { count: 3, selfSize: 70, retainedSize: 70 });
});

test('a filter restricts members; an excluded outer member does not hide an included inner one', async () => {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const a1 = b.node('object', 'A', 100);
  const a2 = b.node('object', 'A', 50);
  b.edge(gc, a1, 'element', 1).edge(a1, a2, 'property', 'child');
  const { row } = await aggregatesOf(b, (n) => n === a2);
  assert.deepEqual(row('A'), { count: 1, selfSize: 50, retainedSize: 50 });
});
