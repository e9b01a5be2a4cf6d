import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClassIndex } from '../../../src/engine/analysis/classIndex';
import { NodeTypeName, SnapshotBuilder } from '../snapshotBuilder';
import { graphOf, noPause } from './builderGraph';

// DevTools' Summary naming per node type (learned from its heap snapshot worker).
const NAMING: [NodeTypeName, string, string][] = [
  ['hidden', 'system / Oddball', '(system)'],
  ['code', 'system / SharedFunctionInfo', '(compiled code)'],
  ['closure', 'onDone', 'Function'],
  ['regexp', '/ab+c/', 'RegExp'],
  ['object', 'LeakyThing', 'LeakyThing'],
  ['native', '<div id="x" class="y">', '<div>'],
  ['native', 'Detached <span id="q">', 'Detached <span>'],
  ['string', 'hello', '(string)'],
  ['concatenated string', 'ab', '(concatenated string)'],
  ['sliced string', 'b', '(sliced string)'],
  ['number', 'heap number', '(number)'],
  ['array', '(object elements)', '(array)'],
  ['symbol', 'Symbol(x)', '(symbol)'],
  ['bigint', 'bigint', '(bigint)'],
  ['object shape', 'system / Map', '(object shape)'],
];

for (const [type, name, expected] of NAMING) {
  test(`class of ${type} "${name}" is ${expected}`, async () => {
    const b = new SnapshotBuilder();
    const gc = b.gcRoots();
    const n = b.node(type, name, 16);
    b.edge(gc, n, 'element', 1);
    const graph = await graphOf(b);
    const index = await buildClassIndex(graph, noPause);
    assert.equal(index.names[index.classOf[n]], expected);
  });
}

function plainObjects(b: SnapshotBuilder, gc: number, shapes: string[][]): number[] {
  return shapes.map((props, i) => {
    const o = b.node('object', 'Object', 24);
    b.edge(gc, o, 'element', i + 10);
    for (const p of props) b.edge(o, b.node('string', `v-${p}`, 16), 'property', p);
    return o;
  });
}

test('plain objects are named by shape when at least two share it', async () => {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const [ab1, ab2, abz, c, quoted1, quoted2] = plainObjects(b, gc, [
    ['a', 'b'], ['a', 'b'], ['z', 'a', 'b'], ['c'], ['x,y', '__proto__'], ['x,y'],
  ]);
  const graph = await graphOf(b);
  const index = await buildClassIndex(graph, noPause);
  const name = (n: number) => index.names[index.classOf[n]];
  assert.equal(name(ab1), '{a, b}');
  assert.equal(name(ab2), '{a, b}');
  // {z, a, b} is proposed once only, but it has all of {a, b}'s properties.
  assert.equal(name(abz), '{a, b}');
  // A shape seen once stays "Object".
  assert.equal(name(c), 'Object');
  // Names with commas are quoted; __proto__ is not a property of the shape.
  assert.equal(name(quoted1), '{"x,y"}');
  assert.equal(name(quoted2), '{"x,y"}');
});

test('objects of one name from two constructor locations are two rows', async () => {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const [x, y, z] = [b.node('object', 'Foo', 32), b.node('object', 'Foo', 32), b.node('object', 'Foo', 32)];
  for (const [i, n] of [x, y, z].entries()) b.edge(gc, n, 'element', i + 2);
  b.location(x, 7, 10, 2).location(y, 7, 10, 2).location(z, 9, 1, 0);
  const graph = await graphOf(b);
  const index = await buildClassIndex(graph, noPause);
  assert.equal(index.classOf[x], index.classOf[y]);
  assert.notEqual(index.classOf[x], index.classOf[z]);
  assert.equal(index.names[index.classOf[z]], 'Foo');
  assert.equal(index.keys[index.classOf[x]], '7,10,2,Foo');
});

test('detached natives and the natives they reach are "Detached …"; attached wins, JS stops it', async () => {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const detached = b.node('native', 'Node / BindingData', 16, { detachedness: 2 });
  const child = b.node('native', 'Node / Child', 16);
  const viaJs = b.node('object', 'Wrapper', 16);
  const behindJs = b.node('native', 'Node / Behind', 16);
  const attached = b.node('native', 'Node / Live', 16, { detachedness: 1 });
  const shared = b.node('native', 'Node / Shared', 16);
  b.edge(gc, detached, 'element', 1).edge(gc, attached, 'element', 2);
  b.edge(detached, child, 'property', 'c').edge(detached, viaJs, 'property', 'js').edge(viaJs, behindJs, 'property', 'n');
  b.edge(detached, shared, 'property', 's').edge(attached, shared, 'property', 's');
  const graph = await graphOf(b);
  const index = await buildClassIndex(graph, noPause);
  const name = (n: number) => index.names[index.classOf[n]];
  assert.deepEqual([detached, child, viaJs, behindJs, attached, shared].map(name), [
    'Detached Node / BindingData', 'Detached Node / Child', 'Wrapper', 'Node / Behind', 'Node / Live', 'Node / Shared',
  ]);
});
