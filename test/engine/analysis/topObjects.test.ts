import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topObjectsByRetainedSize } from '../../../src/engine/analysis/topObjects';
import { SnapshotAnalysis } from '../../../src/engine/analysis/snapshotAnalysis';
import { graphOf } from './builderGraph';
import { randomGraph } from '../graph/randomGraph';

// Against a full sort: largest retained size first, ties by lower ordinal; synthetic nodes and
// the root left out. Random graphs have many equal sizes, so the ties are exercised.
for (const [seed, limit] of [[1, 1], [2, 5], [3, 20], [4, 100], [5, 10_000], [6, 0]]) {
  test(`top ${limit} objects by retained size, random graph ${seed}`, async () => {
    const graph = await graphOf(randomGraph(seed, 400));
    const all = Array.from({ length: graph.nodeCount }, (_, i) => i)
      .filter((n) => n !== graph.root && graph.nodeType[n] !== graph.types.synthetic)
      .sort((a, b) => graph.retainedSize[b] - graph.retainedSize[a] || a - b);
    const top = topObjectsByRetainedSize(graph, limit);
    assert.deepEqual(top, all.slice(0, limit));
    const sizes = new Set(all.map((n) => graph.retainedSize[n]));
    assert.ok(sizes.size < all.length, 'some sizes are equal');
  });
}

// A list ranked with the graph (on the helper thread) answers any limit it covers: up to its
// own, or any at all when it is shorter than its limit (it then holds every candidate).
// Otherwise the analysis ranks again. The prebuilt list here is marked so a wrong answer shows.
// [limit ranked with the graph, limit asked, answered from that list]
const PREBUILT: [number, number, boolean][] = [[50, 20, true], [50, 50, true], [50, 51, false], [1000, 5000, true], [0, 0, true], [10, 0, true]];
for (const [prebuiltLimit, asked, fromList] of PREBUILT) {
  test(`top objects with ${prebuiltLimit} ranked with the graph, ${asked} asked`, async () => {
    const graph = await graphOf(randomGraph(7, 400));
    const ranked = topObjectsByRetainedSize(graph, prebuiltLimit);
    const analysis = new SnapshotAnalysis(graph, { top: { limit: prebuiltLimit, nodes: ranked } });
    assert.deepEqual(analysis.topObjects(asked), topObjectsByRetainedSize(graph, asked));
    const marked = new SnapshotAnalysis(graph, { top: { limit: prebuiltLimit, nodes: ranked.map(() => -1) } });
    assert.equal(marked.topObjects(asked).every((n) => n === -1), fromList || asked === 0);
  });
}
