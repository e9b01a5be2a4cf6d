import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edgeLabel } from '../../../src/engine/analysis/edgeLabel';
import { EdgeTypeName, NodeTypeName, SnapshotBuilder } from '../snapshotBuilder';
import { graphOf } from './builderGraph';

interface LabelCase {
  name: string;
  /** Type and name of the edge's owner; with `collection`, the owner is that Map/Set's table. */
  from: [NodeTypeName, string, number];
  collection?: 'Map' | 'Set';
  edge: [EdgeTypeName, string | number];
  expected: string;
}

const CASES: LabelCase[] = [
  { name: 'property', from: ['object', 'Foo', 16], edge: ['property', 'foo'], expected: 'property `foo`' },
  { name: 'prototype', from: ['object', 'Foo', 16], edge: ['property', '__proto__'], expected: 'prototype (`__proto__`)' },
  { name: 'array element', from: ['array', '(object elements)', 64], edge: ['element', 7697], expected: 'element [7697]' },
  { name: 'weak', from: ['object', 'WeakRef', 16], edge: ['weak', 'target'], expected: 'weak reference `target`' },
  { name: 'elements store', from: ['object', 'Array', 32], edge: ['internal', 'elements'], expected: 'array elements' },
  { name: 'buffer', from: ['object', 'Buffer', 96], edge: ['internal', 'buffer'], expected: 'underlying ArrayBuffer' },
  { name: 'backing store', from: ['object', 'ArrayBuffer', 88], edge: ['internal', 'backing_store'], expected: 'backing store' },
  { name: 'unknown internal', from: ['object', 'Foo', 16], edge: ['internal', 'zork'], expected: 'internal `zork`' },
  { name: 'hidden link', from: ['hidden', 'system / Oddball', 16], edge: ['hidden', 0], expected: 'internal link [0]' },
  // Two buckets: 16 + 8 × (3 + 2 + 3 × 4) = 152 bytes; entries from slot 5 as (key, value, chain).
  { name: 'Map key (2 buckets)', from: ['array', '', 152], collection: 'Map', edge: ['internal', '8'], expected: 'key in Map' },
  { name: 'Map value (2 buckets)', from: ['array', '', 152], collection: 'Map', edge: ['internal', '9'], expected: 'value in Map' },
  // Four buckets: 16 + 8 × (3 + 4 + 3 × 8) = 264 bytes; entries from slot 7.
  { name: 'Map key (4 buckets)', from: ['array', '', 264], collection: 'Map', edge: ['internal', '7'], expected: 'key in Map' },
  { name: 'Map value (4 buckets)', from: ['array', '', 264], collection: 'Map', edge: ['internal', '11'], expected: 'value in Map' },
  { name: 'Set value', from: ['array', '', 120], collection: 'Set', edge: ['internal', '5'], expected: 'value in Set' },
  {
    name: 'WeakMap value',
    from: ['array', 'system / EphemeronHashTable', 64],
    edge: ['internal', '3 / part of key (Object @21) -> value (Object @23) pair in WeakMap (table @25)'],
    expected: 'value in WeakMap',
  },
  {
    name: 'WeakMap value from its key',
    from: ['object', 'Object', 16],
    edge: ['internal', '3 / part of key (Object @21) -> value (Object @23) pair in WeakMap (table @25)'],
    expected: 'WeakMap value keyed by this object',
  },
];

for (const c of CASES) {
  test(`edge label: ${c.name}`, async () => {
    const b = new SnapshotBuilder();
    const gc = b.gcRoots();
    const from = b.node(...c.from);
    if (c.collection) {
      const owner = b.node('object', c.collection, 32);
      b.edge(gc, owner, 'element', 1).edge(owner, from, 'internal', 'table');
    } else {
      b.edge(gc, from, 'element', 1);
    }
    const to = b.node('object', 'Target', 16);
    b.edge(from, to, ...c.edge);
    const graph = await graphOf(b);
    const edge = graph.firstEdge[from + 1] - 1;
    assert.equal(graph.edgeToNode[edge], to);
    assert.equal(edgeLabel(graph, edge, from), c.expected);
  });
}

test('edge label: the global object under the root', async () => {
  const b = new SnapshotBuilder();
  const global = b.node('object', 'global', 40);
  b.edge(b.root, global, 'shortcut', 'global');
  const graph = await graphOf(b);
  assert.equal(edgeLabel(graph, graph.firstEdge[b.root], b.root), 'global object');
});

test('edge label: a captured variable names the closure owning the context', async () => {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const closure = b.node('closure', 'onDone', 64);
  const context = b.node('object', 'system / Context', 48);
  b.edge(gc, closure, 'element', 1).edge(closure, context, 'internal', 'context');
  b.edge(context, b.node('object', 'Array', 32), 'context', 'big');
  const graph = await graphOf(b);
  assert.equal(edgeLabel(graph, graph.firstEdge[context], context), 'captured variable `big` of closure onDone()');
});
