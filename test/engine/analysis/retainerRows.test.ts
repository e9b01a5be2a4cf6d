import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retainerRows } from '../../../src/engine/analysis/retainerRows';
import { SnapshotBuilder } from '../snapshotBuilder';
import { graphOf } from './builderGraph';

test('retainers: closest to the roots first, weak last, labelled, sliced', async () => {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const near = b.node('object', 'Near', 16);
  const mid = b.node('object', 'Mid', 16);
  const far = b.node('object', 'Far', 16);
  const target = b.node('object', 'Target', 16);
  b.edge(gc, near, 'element', 1).edge(near, mid, 'property', 'm').edge(mid, far, 'property', 'f');
  // Added in the opposite order of the expected one.
  b.edge(far, target, 'property', 'fromFar').edge(gc, mid, 'element', 2);
  b.edge(near, target, 'weak', 'w').edge(mid, target, 'element', 3).edge(gc, target, 'element', 4);
  const graph = await graphOf(b);
  const all = retainerRows(graph, target, 0, 10);
  assert.equal(all.total, 4);
  assert.deepEqual(all.rows.map((r) => [r.from.name, r.label]), [
    ['(GC roots)', 'held by (GC roots) [4]'],
    ['Mid', 'element [3]'],
    ['Far', 'property `fromFar`'],
    ['Near', 'weak reference `w`'],
  ]);
  const page = retainerRows(graph, target, 1, 2);
  assert.deepEqual(page.rows.map((r) => r.from.name), ['Mid', 'Far']);
  assert.equal(page.offset, 1);
});
