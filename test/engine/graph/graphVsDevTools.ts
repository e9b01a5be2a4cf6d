import assert from 'node:assert/strict';
import { HeapGraph, UNREACHABLE } from '../../../src/engine/graph/heapGraph';
import { DEVTOOLS_NO_DISTANCE, DevToolsResult } from '../../reference/devtoolsReference';

/** Asserts our graph equals DevTools' for every node: retained and shallow size, distance, dominator. */
export function assertGraphEqualsDevTools(g: HeapGraph, ref: DevToolsResult): void {
  assert.equal(g.nodeCount, ref.nodeCount, 'node count');
  const mismatches: string[] = [];
  for (let i = 0; i < g.nodeCount; i++) {
    assert.equal(g.nodeId[i], ref.ids[i], `node order differs at ordinal ${i}`);
    const refDistance = ref.distance[i] === DEVTOOLS_NO_DISTANCE ? UNREACHABLE : ref.distance[i];
    const diffs: string[] = [];
    if (g.retainedSize[i] !== ref.retainedSize[i]) diffs.push(`retained ${g.retainedSize[i]} ≠ ${ref.retainedSize[i]}`);
    if (g.nodeSelfSize[i] !== ref.selfSize[i]) diffs.push(`self ${g.nodeSelfSize[i]} ≠ ${ref.selfSize[i]}`);
    if (g.distance[i] !== refDistance) diffs.push(`distance ${g.distance[i]} ≠ ${refDistance}`);
    if (g.dominator[i] !== ref.dominator[i]) diffs.push(`dominator @${g.nodeId[g.dominator[i]]} ≠ @${ref.ids[ref.dominator[i]]}`);
    if (diffs.length && mismatches.length < 10) mismatches.push(`@${g.nodeId[i]} (ordinal ${i}): ${diffs.join(', ')}`);
    else if (diffs.length) mismatches.push('');
  }
  assert.equal(mismatches.length, 0, `${mismatches.length} nodes differ from DevTools:\n${mismatches.filter(Boolean).join('\n')}`);
}
