import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SnapshotBuilder, parsedFromJson } from '../snapshotBuilder';
import { buildHeapGraph } from '../../../src/engine/graph/buildHeapGraph';
import { HeapGraph, UNREACHABLE } from '../../../src/engine/graph/heapGraph';
import { edgeOwner, retainerOwner } from '../../../src/engine/graph/retainerOwner';
import { graphOf } from '../analysis/builderGraph';
import { GRAPH_CASES } from './graphCases';


for (const c of GRAPH_CASES) {
  test(`graph: ${c.name}`, async () => {
    const b = new SnapshotBuilder();
    const named: Record<string, number> = { root: b.root, ...c.build(b) };
    const nameOf = new Map(Object.entries(named).map(([k, v]) => [v, k]));
    const g = await graphOf(b);
    for (const [name, [retained, dominator, distance]] of Object.entries(c.expect)) {
      const v = named[name];
      assert.equal(g.retainedSize[v], retained, `retained size of ${name}`);
      assert.equal(nameOf.get(g.dominator[v]) ?? g.dominator[v], dominator, `dominator of ${name}`);
      assert.equal(g.distance[v], distance === '-' ? UNREACHABLE : distance, `distance of ${name}`);
    }
    assertConsistent(g);
  });
}

/** Invariants every graph must satisfy, whatever its shape. */
function assertConsistent(g: HeapGraph): void {
  let total = 0;
  for (let i = 0; i < g.nodeCount; i++) total += g.nodeSelfSize[i];
  assert.equal(g.retainedSize[g.root], total, 'root retains everything');
  assert.equal(g.dominator[g.root], g.root);
  assert.equal(g.firstRetainer[g.nodeCount], g.edgeCount);
  for (let v = 0; v < g.nodeCount; v++) {
    for (let s = g.firstRetainer[v]; s < g.firstRetainer[v + 1]; s++) {
      const e = g.retainerEdge[s];
      assert.equal(g.edgeToNode[e], v);
      const owner = retainerOwner(g, s);
      assert.ok(e >= g.firstEdge[owner] && e < g.firstEdge[owner + 1], `slot ${s}: edge ${e} is owned by ${owner}`);
      // Within a node's slice, retainers come in edge order.
      if (s > g.firstRetainer[v]) assert.ok(g.retainerEdge[s - 1] < e);
    }
  }
  const children = new Float64Array(g.nodeCount);
  for (let v = 0; v < g.nodeCount; v++) if (v !== g.root) children[g.dominator[v]] += g.retainedSize[v];
  for (let v = 0; v < g.nodeCount; v++) {
    assert.equal(g.retainedSize[v], g.nodeSelfSize[v] + children[v], `retained = self + dominated of ${v}`);
  }
}

test('graph: a 1 M-node chain builds without recursion', async () => {
  const n = 1_000_000;
  const b = new SnapshotBuilder();
  let prev = b.gcRoots();
  const first = prev + 1;
  for (let i = 0; i < n; i++) {
    const v = b.node('object', 'Link', 1);
    b.edge(prev, v, 'property', 'next');
    prev = v;
  }
  // A back edge from the tail makes the chain a cycle: still dominated link by link.
  b.edge(prev, first, 'property', 'head');
  const parsed = parsedFromJson(b.toJson());
  const phases = new Set<string>();
  let checkpoints = 0;
  const g = await buildHeapGraph(parsed, {
    progress: (phase) => phases.add(phase),
    checkpoint: async () => { checkpoints++; },
  });
  assert.equal(g.retainedSize[first], n);
  assert.equal(g.retainedSize[prev], 1);
  assert.equal(g.dominator[prev], prev - 1);
  assert.equal(g.distance[prev], n + 1);
  assert.ok(checkpoints >= 8, `checkpoint called ${checkpoints} times`);
  for (const p of ['retainers', 'distances', 'dominators', 'retained sizes']) assert.ok(phases.has(p), p);
});

test('graph: a throwing checkpoint cancels the build', async () => {
  const b = new SnapshotBuilder();
  let prev = b.gcRoots();
  for (let i = 0; i < 300_000; i++) {
    const v = b.node('object', 'Link', 1);
    b.edge(prev, v, 'property', 'next');
    prev = v;
  }
  const parsed = parsedFromJson(b.toJson());
  await assert.rejects(
    buildHeapGraph(parsed, { checkpoint: async () => { throw new Error('cancelled'); } }),
    /cancelled/,
  );
});

test('graph: the parsed columns are left as they were; V8 self sizes stay available', async () => {
  const b = new SnapshotBuilder();
  const g0 = b.node('object', 'global', 10);
  b.edge(b.root, g0, 'shortcut', 'global');
  const elems = b.node('array', '', 16);
  b.edge(g0, elems, 'internal', 'elements');
  const parsed = parsedFromJson(b.toJson());
  const before = Array.from(parsed.nodeSelfSize);
  const g = await buildHeapGraph(parsed);
  assert.deepEqual(Array.from(parsed.nodeSelfSize), before);
  assert.equal(g.rawSelfSize[elems], 16);
  assert.equal(g.nodeSelfSize[elems], 0);
  assert.equal(g.nodeSelfSize[g0], 26);
});

test('graph: a snapshot without nodes or with a root out of range is a clear error', async () => {
  const empty = parsedFromJson(new SnapshotBuilder().toJson());
  await assert.rejects(buildHeapGraph({ ...empty, nodeCount: 0 }), /no nodes/);
  await assert.rejects(buildHeapGraph({ ...empty, meta: { ...empty.meta, rootOrdinal: 5 } }), /root ordinal 5/);
});

// firstEdge for owners with 0, 2, 0, 0, 3, 1 edges: nodes without edges share their neighbour's start.
const FIRST_EDGE = Uint32Array.from([0, 0, 2, 2, 2, 5, 6]);
for (const [edge, owner] of [[0, 1], [1, 1], [2, 4], [3, 4], [4, 4], [5, 5]] as const) {
  test(`edgeOwner: edge ${edge} belongs to node ${owner}`, () => {
    assert.equal(edgeOwner(FIRST_EDGE, edge), owner);
  });
}
