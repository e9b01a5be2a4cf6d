/** The column-by-column comparison shared by the parser's tests. */
import assert from 'node:assert/strict';
import { ParsedSnapshot } from '../../../src/engine/snapshot/parsedSnapshot';

const COLUMNS = [
  'nodeType', 'nodeName', 'nodeId', 'nodeSelfSize', 'firstEdge', 'edgeType', 'edgeNameOrIndex', 'edgeToNode',
] as const;

/** Every column, every string, every location and the meta must be equal. */
export function assertSameSnapshot(actual: ParsedSnapshot, expected: ParsedSnapshot, label = ''): void {
  assert.deepEqual(actual.meta, expected.meta, `${label} meta`);
  assert.equal(actual.nodeCount, expected.nodeCount, `${label} nodeCount`);
  assert.equal(actual.edgeCount, expected.edgeCount, `${label} edgeCount`);
  for (const column of COLUMNS) assertSameArray(actual[column], expected[column], `${label} ${column}`);
  if (expected.nodeDetachedness === null) assert.equal(actual.nodeDetachedness, null, `${label} nodeDetachedness`);
  else assertSameArray(actual.nodeDetachedness ?? new Uint8Array(0), expected.nodeDetachedness, `${label} nodeDetachedness`);
  assert.equal(actual.strings.count, expected.strings.count, `${label} strings.count`);
  for (let i = 0; i < expected.strings.count; i++) {
    const a = actual.strings.get(i);
    const e = expected.strings.get(i);
    if (a !== e) assert.fail(`${label} string ${i}: ${JSON.stringify(a).slice(0, 200)} !== ${JSON.stringify(e).slice(0, 200)}`);
  }
  assert.equal(actual.locations.count, expected.locations.count, `${label} locations.count`);
  for (const column of ['nodeOrdinal', 'scriptId', 'line', 'column'] as const) {
    assertSameArray(actual.locations[column], expected.locations[column], `${label} locations.${column}`);
  }
}

function assertSameArray(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label} length`);
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) assert.fail(`${label}[${i}]: ${actual[i]} !== ${expected[i]}`);
  }
}
