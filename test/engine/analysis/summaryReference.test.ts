import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateClasses } from '../../../src/engine/analysis/classAggregates';
import { PREBUILT_TOP, loadSnapshot } from '../../../src/engine/loadSnapshot';
import { topObjectsByRetainedSize } from '../../../src/engine/analysis/topObjects';
import { TaskContext } from '../../../src/protocol/rpc';
import { loadWithDevTools } from '../../reference/devtoolsReference';
import { LEAKY_APP, childSnapshots } from '../childSnapshots';
import { tempDir } from '../../tempDir';
import { noPause } from './builderGraph';
import { OTHER_NODE_MAJORS, ensureNodeBinary } from '../../nodeBinaries';

const ctx: TaskContext = { progress() {}, signal: new AbortController().signal, throwIfCancelled() {}, checkpoint: noPause };

// Shapes that exercise DevTools' Summary naming: plain objects by shape (popular and rare),
// two classes of one name from different places, a class nested in itself, closures.
const SHAPES_APP = `${LEAKY_APP}
grow(150);
globalThis.points = Array.from({ length: 300 }, (_, i) => ({ x: 'x' + i, y: 'y' + i, label: 'p' + i }));
globalThis.rare = { only: 1, once: 2 };
globalThis.weird = [{ 'a,b': 'one' }, { 'a,b': 'two' }, { '{q}': 'three' }];
const A = (() => class Node { constructor(n) { this.next = n; this.pad = new Array(8).fill(n); } })();
const B = (() => class Node { constructor() { this.tag = 'b'; } })();
let chain = null; for (let i = 0; i < 50; i++) chain = new A(chain);
globalThis.chain = chain; globalThis.bees = [new B(), new B()];
globalThis.timers = [setInterval(() => {}, 1e6)];
snap();
clearInterval(globalThis.timers[0]);
`;

let tmp: ReturnType<typeof tempDir>;

before(() => {
  tmp = tempDir('summary-ref');
});
after(() => tmp.remove());

const VERSIONS: [string, () => string][] = [
  [`Node ${process.versions.node} (this one)`, () => process.execPath],
  ...OTHER_NODE_MAJORS.map((major): [string, () => string] => [`Node ${major}`, () => ensureNodeBinary(major)]),
];

for (const [version, binary] of VERSIONS) {
  test(`the class table equals DevTools' Summary row for row on a real ${version} snapshot`, async () => {
    const [file] = await childSnapshots(SHAPES_APP, 1, tmp.dir, binary());
    await compareWithDevTools(file);
  });
}

async function compareWithDevTools(file: string): Promise<void> {
  // As the engine loads it: the class index comes from the helper thread, the sums are made
  // while that thread writes the retaining edges, in the build's spent memory.
  const { graph, classes: index, aggregates: agg, top } = await loadSnapshot(file, ctx);
  assert.ok(index, 'the class index was built on the helper thread');
  assert.ok(agg, 'the class sums were made with the graph');
  assert.deepEqual(agg, await aggregateClasses(graph, index, noPause), 'the same sums as made on the finished graph');
  assert.ok(top, 'the top objects were ranked on the helper thread');
  assert.deepEqual(top, { limit: PREBUILT_TOP, nodes: topObjectsByRetainedSize(graph, PREBUILT_TOP) });
  const ours = new Map<string, { name: string; count: number; self: number; retained: number }>();
  index.keys.forEach((key, c) => {
    if (agg.count[c] > 0) ours.set(key, { name: index.names[c], count: agg.count[c], self: agg.selfSize[c], retained: agg.retainedSize[c] });
  });
  const ref = await loadWithDevTools(file, { aggregates: true });
  const theirs = new Map((ref.aggregates ?? []).map((a) => [a.key, { name: a.name, count: a.count, self: a.self, retained: a.retained }]));
  assert.ok(theirs.size > 100, `DevTools gave ${theirs.size} rows`);

  const onlyOurs = [...ours.keys()].filter((k) => !theirs.has(k));
  const onlyTheirs = [...theirs.keys()].filter((k) => !ours.has(k));
  assert.deepEqual({ onlyOurs, onlyTheirs }, { onlyOurs: [], onlyTheirs: [] });
  const differing = [...theirs].filter(([k, v]) => JSON.stringify(ours.get(k)) !== JSON.stringify(v)).slice(0, 10)
    .map(([k, v]) => ({ key: k, devtools: v, ours: ours.get(k) }));
  assert.deepEqual(differing, []);

  // The app's own rows are there, named as DevTools names them.
  const names = [...ours.values()].map((r) => r.name);
  for (const name of ['LeakyThing', '{x, y, label}', '{"a,b"}', 'Node', 'Function', '(system)', '(compiled code)']) {
    assert.ok(names.includes(name), `missing row ${name}`);
  }
  // Two classes called Node, from two places: two rows.
  assert.equal(names.filter((n) => n === 'Node').length, 2);
  assert.equal(graph.retainedSize[graph.root], ref.retainedSize[ref.rootOrdinal]);
}
