import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDominatorChildren } from '../../../src/engine/analysis/dominatorChildren';

function childrenOf(lists: ReturnType<typeof buildDominatorChildren>, node: number): number[] {
  const out: number[] = [];
  for (let next = lists.firstChild[node]; next !== 0; next = lists.nextSibling[next - 1]) out.push(next - 1);
  return out;
}

test('child lists hold every non-root node once, under its dominator, in ascending order', () => {
  // Root 2 dominates itself; 0 and 4 hang off it, 1 and 3 off 0, 5 off 4.
  const dominator = Uint32Array.from([2, 0, 2, 0, 2, 4]);
  const lists = buildDominatorChildren(dominator, 2);
  assert.deepEqual(childrenOf(lists, 2), [0, 4]);
  assert.deepEqual(childrenOf(lists, 0), [1, 3]);
  assert.deepEqual(childrenOf(lists, 4), [5]);
  for (const leaf of [1, 3, 5]) assert.deepEqual(childrenOf(lists, leaf), []);
});

test('node 0 as a child is told apart from an empty list', () => {
  const lists = buildDominatorChildren(Uint32Array.from([1, 1]), 1);
  assert.deepEqual(childrenOf(lists, 1), [0]);
  assert.deepEqual(childrenOf(lists, 0), []);
});
