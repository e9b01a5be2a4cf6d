import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOW_MEMORY_FROM_NODES, LoadSchedule, chooseSchedule } from '../../src/engine/loadSchedule';
import { LoadedSnapshot, loadSnapshot } from '../../src/engine/loadSnapshot';
import { TaskContext } from '../../src/protocol/rpc';
import { GRAPH_CASES } from './graph/graphCases';
import { randomGraph } from './graph/randomGraph';
import { LEAKY_APP, childSnapshots } from './childSnapshots';
import { SnapshotBuilder } from './snapshotBuilder';
import { tempDir } from '../tempDir';

const ctx: TaskContext = { progress() {}, signal: new AbortController().signal, throwIfCancelled() {}, checkpoint: async () => {} };
const tmp = tempDir('load-schedule');
after(() => tmp.remove());

/** A list as deep as it is long under a global: the dominator tree is one path. */
function chain(length: number): SnapshotBuilder {
  const b = new SnapshotBuilder();
  const global = b.node('object', 'global', 10);
  b.edge(b.root, global, 'shortcut', 'global');
  b.edge(b.root, b.gcRoots(), 'element', 2);
  let prev = global;
  for (let i = 0; i < length; i++) {
    const item = b.node('object', 'Item', 16 + (i % 7));
    b.edge(prev, item, 'property', 'next');
    const elements = b.node('array', '(object elements)', 8);
    b.edge(item, elements, 'internal', 'elements');
    prev = item;
  }
  return b;
}

/** What the class index names: plain objects of shared shapes, located ones, detached natives, a WeakMap. */
function classShapes(): SnapshotBuilder {
  const b = new SnapshotBuilder();
  const global = b.node('object', 'global', 10);
  b.edge(b.root, global, 'shortcut', 'global');
  for (let i = 0; i < 40; i++) {
    const point = b.node('object', 'Object', 24);
    b.edge(global, point, 'element', i);
    b.edge(point, b.node('string', `x${i}`, 16), 'property', 'x');
    b.edge(point, b.node('string', `y${i}`, 16), 'property', 'y');
    if (i % 3 === 0) b.edge(point, b.node('number', 'heap number', 16), 'property', 'z');
    const thing = b.node('object', 'Thing', 32);
    b.edge(global, thing, 'property', `thing${i}`);
    b.location(thing, 7, 10 + (i % 2), 4);
    const native = b.node('native', `<div id="d${i}">`, 48, { detachedness: i % 2 === 0 ? 2 : 1 });
    b.edge(thing, native, 'property', 'element');
    b.edge(native, b.node('native', 'child', 8), 'element', 0);
  }
  const table = b.node('object', 'WeakMap', 20);
  b.edge(global, table, 'property', 'map');
  for (let i = 0; i < 5; i++) {
    const key = b.node('object', 'Key', 12);
    const value = b.node('object', 'Value', 40);
    b.edge(global, key, 'element', 100 + i);
    const name = (n: number) => `${i} / part of key (Key @${b.id(key)}) -> value (Value @${b.id(value)}) pair in WeakMap (table @${b.id(n)})`;
    b.edge(table, value, 'internal', name(table));
    b.edge(key, value, 'internal', name(table));
  }
  return b;
}

const BUILT: [string, () => SnapshotBuilder][] = [
  ...GRAPH_CASES.map((c): [string, () => SnapshotBuilder] => [c.name, () => {
    const b = new SnapshotBuilder();
    c.build(b);
    return b;
  }]),
  ...[1, 2, 3, 4].map((i): [string, () => SnapshotBuilder] => [`random graph ${i} (orphans, islands, ephemerons)`, () => randomGraph(300 + i, 150 * i)]),
  ['a chain 3000 deep', () => chain(3000)],
  ['plain objects by shape, located objects, detached natives, a WeakMap', classShapes],
];

/** Everything the load gives, whichever schedule made it. */
function results(loaded: LoadedSnapshot) {
  const { graph, classes, aggregates, top } = loaded;
  return {
    nodeSelfSize: Array.from(graph.nodeSelfSize), retainedSize: Array.from(graph.retainedSize),
    dominator: Array.from(graph.dominator), distance: Array.from(graph.distance), nodeFlags: Array.from(graph.nodeFlags),
    firstRetainer: Array.from(graph.firstRetainer), retainerEdge: Array.from(graph.retainerEdge),
    classes: classes && { ...classes, classOf: Array.from(classes.classOf) }, aggregates, top,
  };
}

async function bothSchedules(file: string): Promise<Record<LoadSchedule, LoadedSnapshot>> {
  return {
    parallel: await loadSnapshot(file, ctx, { schedule: 'parallel' }),
    'low-memory': await loadSnapshot(file, ctx, { schedule: 'low-memory' }),
  };
}

function assertSame(loads: Record<LoadSchedule, LoadedSnapshot>): void {
  const { parallel, 'low-memory': low } = loads;
  assert.ok(low.classes && low.aggregates && low.top, 'the low-memory load also built the first summary');
  assert.deepEqual(results(low), results(parallel));
  // Where each schedule put its results: the low-memory one in the dominators' spent arrays
  // (distances and classes in one of them), the parallel one in arrays of the thread's own.
  assert.equal(low.graph.distance.buffer, low.classes.classOf.buffer, 'low-memory: distances and classes in the dominators\' spare');
  assert.notEqual(parallel.graph.distance.buffer, parallel.classes?.classOf.buffer, 'parallel: the thread\'s own arrays');
}

for (const [name, make] of BUILT) {
  test(`load schedules: low-memory gives what parallel gives on ${name}`, async () => {
    const file = tmp.file(`${name.replace(/\W+/g, '-')}.heapsnapshot`, make().toText());
    assertSame(await bothSchedules(file));
  });
}

let real = '';
before(async () => {
  [real] = await childSnapshots(`${LEAKY_APP}\ngrow(2000); snap();`, 1, tmp.dir);
});

test('load schedules: low-memory gives what parallel gives on a real Node snapshot', async () => {
  const loads = await bothSchedules(real);
  assertSame(loads);
  assert.ok(loads['low-memory'].graph.nodeCount > 10_000);
});

const CHOICES: [string, { nodeCount: number; edgeCount: number }, number, LoadSchedule][] = [
  ['a small graph with memory to spare', { nodeCount: 3_000_000, edgeCount: 10_000_000 }, 16e9, 'parallel'],
  ['one node under the threshold', { nodeCount: LOW_MEMORY_FROM_NODES - 1, edgeCount: 20_000_000 }, 16e9, 'parallel'],
  ['the threshold itself', { nodeCount: LOW_MEMORY_FROM_NODES, edgeCount: 20_000_000 }, 16e9, 'low-memory'],
  ['a 1 GB real heap (12.6 M nodes)', { nodeCount: 12_553_502, edgeCount: 40_305_711 }, 16e9, 'low-memory'],
  ['a small graph when free memory would not hold the parallel build', { nodeCount: 3_000_000, edgeCount: 10_000_000 }, 150e6, 'low-memory'],
  ['a small graph that just fits', { nodeCount: 3_000_000, edgeCount: 10_000_000 }, 3_000_000 * 48 + 10_000_000 * 5, 'parallel'],
];

for (const [name, size, free, expected] of CHOICES) {
  test(`load schedule for ${name}: ${expected}`, () => {
    assert.equal(chooseSchedule(size, free), expected);
  });
}
