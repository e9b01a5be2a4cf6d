import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocationCursor } from '../../../src/engine/analysis/locationCursor';
import { SnapshotLocations } from '../../../src/engine/snapshot/parsedSnapshot';
import { SnapshotBuilder, parsedFromJson } from '../snapshotBuilder';

/** A builder snapshot with one location entry per element of `nodeOrdinals`, in that order. */
function locations(nodeOrdinals: number[]): SnapshotLocations {
  const b = new SnapshotBuilder();
  const nodes = Math.max(0, ...nodeOrdinals);
  for (let i = 1; i <= nodes; i++) b.node('closure', `f${i}`, 32);
  nodeOrdinals.forEach((node, i) => b.location(node, 1, i, 0));
  const parsed = parsedFromJson(b.toJson()).locations;
  assert.deepEqual([...parsed.nodeOrdinal], nodeOrdinals, 'the entries in file order');
  return parsed;
}

// [name, entries' node ordinals, queried nodes (ascending), expected entry per query]
const CASES: [string, number[], number[], number[]][] = [
  ['in node order', [2, 5, 9], [0, 2, 3, 5, 9, 10], [-1, 0, -1, 1, 2, -1]],
  ['out of order', [9, 2, 5], [2, 5, 9], [1, 2, 0]],
  ['two entries for one node: the last wins', [4, 4, 7], [4, 7], [1, 2]],
  ['the same node asked twice', [3, 6], [3, 3, 6, 6], [0, 0, 1, 1]],
  ['no entries', [], [0, 1], [-1, -1]],
  ['queries that skip entries', [1, 2, 3, 8], [3, 8], [2, 3]],
  ['out of order, two entries for one node: the last in the file wins', [7, 4, 9, 4], [4, 7, 9], [3, 0, 2]],
];

for (const [name, ordinals, queries, expected] of CASES) {
  test(`LocationCursor: ${name}`, () => {
    const cursor = new LocationCursor(locations(ordinals));
    assert.deepEqual(queries.map((q) => cursor.at(q)), expected);
    cursor.rewind();
    assert.deepEqual(queries.map((q) => cursor.at(q)), expected, 'again after rewind');
  });
}

test('LocationCursor: out of order with many repeats, against the last entry per node in file order', () => {
  let seed = 12345;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const ordinals = Array.from({ length: 5000 }, () => random(1500));
  const last = new Map<number, number>();
  ordinals.forEach((node, i) => last.set(node, i));
  const cursor = new LocationCursor(locations(ordinals));
  for (let node = 0; node < 1600; node++) assert.equal(cursor.at(node), last.get(node) ?? -1, `node ${node}`);
});
