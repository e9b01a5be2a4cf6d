import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathView } from '../../../src/engine/analysis/pathView';
import { findRetainerPaths } from '../../../src/engine/analysis/retainerPaths';
import { SnapshotBuilder } from '../snapshotBuilder';
import { graphOf, noPause } from './builderGraph';

/**
 * root ─shortcut global→ global ─property cache→ Map ─internal table→ table ─internal "6"→ value
 * (GC roots) → (Handle scope) ─element 1→ value          (a shorter, internal path)
 * (GC roots) → (Global handles) ─element 1→ global
 * global ─property fn→ closure onDone ─internal context→ Context ─context big→ bigArray
 * bigArray ─element 7697→ item;  value ─weak w→ weakTarget
 */
function fixture() {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const handleScope = b.node('synthetic', '(Handle scope)');
  const globalHandles = b.node('synthetic', '(Global handles)');
  b.edge(gc, handleScope, 'element', 11).edge(gc, globalHandles, 'element', 13);
  const global = b.node('object', 'global', 40);
  b.edge(b.root, global, 'shortcut', 'global').edge(globalHandles, global, 'element', 1);
  const map = b.node('object', 'Map', 32);
  const table = b.node('array', '', 152); // 16 + 8 × (3 + 7 × 2): two buckets
  const key = b.node('string', 'k1', 24);
  const value = b.node('object', 'Entry', 64);
  b.edge(global, map, 'property', 'cache').edge(map, table, 'internal', 'table');
  b.edge(table, key, 'internal', '5').edge(table, value, 'internal', '6');
  b.edge(handleScope, value, 'element', 1);
  const closure = b.node('closure', 'onDone', 64);
  const context = b.node('object', 'system / Context', 48);
  const big = b.node('object', 'Array', 32);
  const item = b.node('object', 'Item', 16);
  b.edge(global, closure, 'property', 'fn').edge(closure, context, 'internal', 'context');
  b.edge(context, big, 'context', 'big').edge(big, item, 'element', 7697);
  const weakTarget = b.node('object', 'WeakOnly', 16);
  b.edge(value, weakTarget, 'weak', 'w');
  return { b, ids: { value: b.id(value), item: b.id(item), key: b.id(key), weakTarget: b.id(weakTarget) } };
}

async function pathsTo(id: number, k = 5) {
  const { b } = fixture();
  const graph = await graphOf(b);
  const raw = await findRetainerPaths(graph, graph.nodeId.indexOf(id), { k }, noPause);
  return raw.map((p) => pathView(graph, p));
}

test('user-visible paths come first, internal root paths last and marked', async () => {
  const { ids } = fixture();
  const paths = await pathsTo(ids.value);
  // The route via (Global handles) → global repeats the first path's objects: dropped.
  assert.equal(paths.length, 2, JSON.stringify(paths.map((p) => p.root.name)));
  assert.deepEqual(paths.map((p) => p.internal), [false, true]);
  assert.equal(paths[0].root.name, '(root)');
  assert.deepEqual(paths[0].steps.map((s) => s.label), ['global object', 'property `cache`', 'entries table of Map', 'value in Map']);
  assert.equal(paths[1].root.name, '(Handle scope)');
  assert.equal(paths[1].steps.length, 1);
  // The last step's node is the target.
  for (const p of paths) assert.equal(p.steps.at(-1)?.id, ids.value);
});

test('keys of a Map are labelled as keys', async () => {
  const { ids } = fixture();
  const [first] = await pathsTo(ids.key, 1);
  assert.equal(first.steps.at(-1)?.label, 'key in Map');
});

test('captured variables name the closure the path came through; elements keep their index', async () => {
  const { ids } = fixture();
  const [first] = await pathsTo(ids.item, 1);
  assert.deepEqual(first.steps.map((s) => s.label), [
    'global object', 'property `fn`', 'closure context', 'captured variable `big` of closure onDone()', 'element [7697]',
  ]);
});

test('weak edges do not make a path', async () => {
  const { ids } = fixture();
  assert.deepEqual(await pathsTo(ids.weakTarget), []);
});

test('a second holder of the same object is a second path, shortest first', async () => {
  const { b, ids } = fixture();
  const value = (await graphOf(b)).nodeId.indexOf(ids.value);
  const registry = b.node('object', 'Registry', 16);
  b.edge(1, registry, 'element', 99); // ordinal 1 is "(GC roots)"
  b.edge(registry, value, 'property', 'held');
  const graph = await graphOf(b);
  const raw = await findRetainerPaths(graph, value, { k: 5 }, noPause);
  const views = raw.map((p) => pathView(graph, p)).filter((p) => !p.internal);
  assert.deepEqual(views.map((p) => p.steps.at(-1)?.label), ['property `held`', 'value in Map']);
});

test('k bounds the number of paths, shortest first', async () => {
  const { ids } = fixture();
  const paths = await pathsTo(ids.value, 1);
  assert.equal(paths.length, 1);
  assert.equal(paths[0].internal, false);
});

test('path search stays bounded on a graph with exponentially many shortest paths', async () => {
  // 12 layers of 20 nodes, each node linked to every node of the next layer: 20^12 shortest paths.
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  let layer = [gc];
  for (let l = 0; l < 12; l++) {
    const next = Array.from({ length: 20 }, (_, i) => b.node('object', `L${l}`, 8 + i));
    for (const from of layer) next.forEach((to, i) => b.edge(from, to, 'element', i));
    layer = next;
  }
  const target = b.node('object', 'Target', 8);
  layer.forEach((from) => b.edge(from, target, 'property', 'target'));
  const graph = await graphOf(b);
  const started = Date.now();
  const paths = await findRetainerPaths(graph, target, { k: 5 }, noPause);
  assert.equal(paths.length, 5);
  assert.ok(paths.every((p) => p.edges.length === 14), 'all shortest');
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
});
