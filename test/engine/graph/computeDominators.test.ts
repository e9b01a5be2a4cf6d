import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRetainers } from '../../../src/engine/graph/buildRetainers';
import { computeDominators } from '../../../src/engine/graph/computeDominators';
import { EssentialEdges } from '../../../src/engine/graph/essentialEdges';
import { markPageObjects } from '../../../src/engine/graph/markPageObjects';
import { StringMarks } from '../../../src/engine/graph/stringMarks';
import { resolveEdgeTypeIds, resolveNodeTypeIds } from '../../../src/engine/graph/typeIds';
import { ParsedSnapshot } from '../../../src/engine/snapshot/parsedSnapshot';
import { SnapshotBuilder, parsedFromJson } from '../snapshotBuilder';
import { randomGraph } from './randomGraph';

/** Both ways of finding idoms on one graph: SEMI-NCA, and the bucket fallback forced by a zero budget. */
async function bothWays(parsed: ParsedSnapshot) {
  const root = parsed.meta.rootOrdinal;
  const types = resolveNodeTypeIds(parsed.meta);
  const edgeTypes = resolveEdgeTypeIds(parsed.meta);
  const marks = new StringMarks(parsed.strings);
  const flags = new Uint8Array(parsed.nodeCount);
  await markPageObjects(parsed, types, edgeTypes, marks, root, flags, {});
  const run = async (budget?: number) => {
    const retainers = await buildRetainers(parsed, new EssentialEdges(parsed, edgeTypes, marks, flags, root), {});
    return computeDominators(parsed, retainers, root, flags.slice(), {}, { ncaStepBudget: budget });
  };
  // A budget of a few steps gives up part-way: the fallback then recomputes the semis the NCA
  // walk had overwritten with idoms, and keeps the others.
  return { nca: await run(), buckets: await run(0), partWay: await run(8) };
}

/** A chain root → c1 → … → cn whose last link also points at n nodes the root holds too. */
function fan(n: number): SnapshotBuilder {
  const b = new SnapshotBuilder();
  let prev = b.root;
  for (let i = 0; i < n; i++) {
    const c = b.node('object', 'Chain', 1);
    b.edge(prev, c, 'property', 'next');
    prev = c;
  }
  const shared = b.node('object', 'Shared', 1);
  b.edge(b.root, shared, 'property', 'direct');
  b.edge(prev, shared, 'property', 'tail');
  return b;
}

const CASES: [string, () => SnapshotBuilder][] = [
  ...Array.from({ length: 12 }, (_, i): [string, () => SnapshotBuilder] => [`random graph ${i + 1}`, () => randomGraph(100 + i, 40 + i * 25)]),
  ['a chain whose tail reaches a node the root holds', () => fan(500)],
];

for (const [name, make] of CASES) {
  test(`dominators: SEMI-NCA and the bucket fallback agree on ${name}`, async () => {
    const { nca, buckets, partWay } = await bothWays(parsedFromJson(JSON.parse(make().toText())));
    assert.equal(nca.method, 'semi-nca');
    assert.equal(buckets.method, 'buckets');
    assert.equal(partWay.method, 'buckets');
    for (const other of [buckets, partWay]) {
      assert.deepEqual(nca.dominator, other.dominator);
      assert.deepEqual(nca.order, other.order);
      assert.deepEqual(nca.dominatorRank, other.dominatorRank);
    }
  });
}

test('a list whose payloads an index also holds makes the NCA walk quadratic: it falls back early, same result', async () => {
  const b = new SnapshotBuilder();
  const index = b.node('object', 'Index', 1);
  let prev = b.root;
  const payloads: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const item = b.node('object', 'Item', 1);
    b.edge(prev, item, 'property', 'next');
    const payload = b.node('object', 'Payload', 1);
    b.edge(item, payload, 'property', 'payload');
    payloads.push(payload);
    prev = item;
  }
  // After the list, so the DFS reaches every payload through the list first.
  b.edge(b.root, index, 'property', 'index');
  payloads.forEach((p, i) => b.edge(index, p, 'element', i));
  const parsed = parsedFromJson(JSON.parse(b.toText()));
  const root = parsed.meta.rootOrdinal;
  const edgeTypes = resolveEdgeTypeIds(parsed.meta);
  const marks = new StringMarks(parsed.strings);
  const flags = new Uint8Array(parsed.nodeCount);
  await markPageObjects(parsed, resolveNodeTypeIds(parsed.meta), edgeTypes, marks, root, flags, {});
  const run = async (budget?: number) => {
    const retainers = await buildRetainers(parsed, new EssentialEdges(parsed, edgeTypes, marks, flags, root), {});
    return computeDominators(parsed, retainers, root, flags.slice(), {}, { ncaStepBudget: budget });
  };
  const unlimited = await run(Infinity);
  const byDefault = await run();
  assert.equal(unlimited.method, 'semi-nca');
  assert.equal(byDefault.method, 'buckets', '2000 × 1000 steps on average: far over 1 M + 32 per vertex');
  assert.deepEqual(byDefault.dominator, unlimited.dominator);
  assert.deepEqual(byDefault.dominatorRank, unlimited.dominatorRank);
  // Every payload is held by its item and by the index: only the root dominates it.
  for (const p of payloads) assert.equal(byDefault.dominator[p], root);
});
