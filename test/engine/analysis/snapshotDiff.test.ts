import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SnapshotAnalysis } from '../../../src/engine/analysis/snapshotAnalysis';
import { diffSnapshots } from '../../../src/engine/analysis/snapshotDiff';
import { SnapshotBuilder } from '../snapshotBuilder';
import { graphOf, noPause } from './builderGraph';

/** One "process": objects by id; each snapshot keeps the listed ones under (GC roots). */
async function snapshot(objects: [id: number, name: string, size: number][]) {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  objects.forEach(([id, name, size], i) => b.edge(gc, b.node('object', name, size, { id: 1000 + id * 2 }), 'element', i + 1));
  return new SnapshotAnalysis(await graphOf(b));
}

test('two snapshots: new, deleted and deltas per class, by node id', async () => {
  const a = await snapshot([[1, 'Keep', 10], [2, 'Gone', 20], [3, 'Gone', 20]]);
  const b = await snapshot([[1, 'Keep', 10], [4, 'Fresh', 30], [5, 'Fresh', 30], [6, 'Gone', 20]]);
  const { classes, retainedFromMiddle } = await diffSnapshots([a, b], noPause);
  const row = (name: string) => classes.find((c) => c.name === name);
  assert.equal(retainedFromMiddle, null);
  assert.equal(row('Keep'), undefined);
  assert.deepEqual(row('Fresh'), { name: 'Fresh', newCount: 2, deletedCount: 0, countDelta: 2, newSize: 60, deletedSize: 0, sizeDelta: 60 });
  assert.deepEqual(row('Gone'), { name: 'Gone', newCount: 1, deletedCount: 2, countDelta: -1, newSize: 20, deletedSize: 40, sizeDelta: -20 });
  assert.equal(classes[0].name, 'Fresh');
});

test('three snapshots: allocated between 1 and 2, still alive in 3', async () => {
  const s1 = await snapshot([[1, 'Old', 10]]);
  const s2 = await snapshot([[1, 'Old', 10], [2, 'Leak', 50], [3, 'Leak', 50], [4, 'Temp', 5]]);
  const s3 = await snapshot([[1, 'Old', 10], [2, 'Leak', 50], [3, 'Leak', 50], [5, 'Later', 7]]);
  const { retainedFromMiddle } = await diffSnapshots([s1, s2, s3], noPause);
  assert.deepEqual(retainedFromMiddle, [{ name: 'Leak', count: 2, selfSize: 100, retainedSize: 100 }]);
});

test('diff refuses one snapshot', async () => {
  const a = await snapshot([[1, 'A', 1]]);
  await assert.rejects(diffSnapshots([a], noPause), /two or three/);
});
