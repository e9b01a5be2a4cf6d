import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topObjectsByRetainedSize } from '../../../src/engine/analysis/topObjects';
import { buildHeapGraph } from '../../../src/engine/graph/buildHeapGraph';
import { parsedFromJson } from '../snapshotBuilder';
import { randomGraph } from '../graph/randomGraph';

// Against a full sort: largest retained size first, ties by lower ordinal; synthetic nodes and
// the root left out. Random graphs have many equal sizes, so the ties are exercised.
for (const [seed, limit] of [[1, 1], [2, 5], [3, 20], [4, 100], [5, 10_000], [6, 0]]) {
  test(`top ${limit} objects by retained size, random graph ${seed}`, async () => {
    const graph = await buildHeapGraph(parsedFromJson(randomGraph(seed, 400).toJson()));
    const all = Array.from({ length: graph.nodeCount }, (_, i) => i)
      .filter((n) => n !== graph.root && graph.nodeType[n] !== graph.types.synthetic)
      .sort((a, b) => graph.retainedSize[b] - graph.retainedSize[a] || a - b);
    const top = topObjectsByRetainedSize(graph, limit);
    assert.deepEqual(top, all.slice(0, limit));
    const sizes = new Set(all.map((n) => graph.retainedSize[n]));
    assert.ok(sizes.size < all.length, 'some sizes are equal');
  });
}
