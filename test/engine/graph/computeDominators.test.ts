import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRetainers } from '../../../src/engine/graph/buildRetainers';
import { computeDominators } from '../../../src/engine/graph/computeDominators';
import { EssentialEdges } from '../../../src/engine/graph/essentialEdges';
import { LengauerTarjan } from '../../../src/engine/graph/lengauerTarjan';
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

/**
 * The fallback after a part-way NCA walk, step by step as computeDominators drives it: the walk
 * wrote idoms over the semis of the vertices it did; the bucket pass must leave every vertex with
 * the semidominator the first pass found. (The final idoms cannot show a missed recomputation:
 * LT gives the same idoms from any value between a vertex's idom and its semi, and the walk's
 * idoms are such values; so this checks the semis themselves.)
 */
async function fallbackSemis(parsed: ParsedSnapshot, budget: number) {
  const root = parsed.meta.rootOrdinal;
  const edgeTypes = resolveEdgeTypeIds(parsed.meta);
  const marks = new StringMarks(parsed.strings);
  const flags = new Uint8Array(parsed.nodeCount);
  await markPageObjects(parsed, resolveNodeTypeIds(parsed.meta), edgeTypes, marks, root, flags, {});
  const lt = new LengauerTarjan(parsed, await buildRetainers(parsed, new EssentialEdges(parsed, edgeTypes, marks, flags, root), {}), false);
  lt.startDfs(root, 0);
  lt.dfs(Infinity);
  for (let v = lt.nextOrphan(0); v < parsed.nodeCount; v = lt.nextOrphan(v + 1)) {
    lt.startDfs(v, 1);
    lt.dfs(Infinity);
  }
  const semisOf = () => Array.from({ length: lt.n + 1 }, (_, w) => lt.semiOf(w));
  lt.semidominators(lt.n, 1, false);
  const first = semisOf();
  const gaveUp = !lt.ncaIdoms(budget, 0);
  const overwritten = semisOf().filter((x, w) => x !== first[w]).length;
  lt.resetForest();
  lt.semidominators(lt.n, 1, true);
  return { first, gaveUp, overwritten, again: semisOf() };
}

// The random graphs: on the chain every semi is its idom, so nothing the walk overwrote changes.
for (const [name, make] of CASES.filter(([n]) => n.startsWith('random'))) {
  test(`dominators: the part-way fallback recomputes the semis the NCA walk overwrote, on ${name}`, async () => {
    const parsed = parsedFromJson(JSON.parse(make().toText()));
    let tried = 0;
    for (const budget of [2, 8, 32]) {
      const { first, gaveUp, overwritten, again } = await fallbackSemis(parsed, budget);
      if (!gaveUp || overwritten === 0) continue;
      tried++;
      assert.deepEqual(again, first, `budget ${budget}: ${overwritten} semis had been overwritten with idoms`);
    }
    assert.ok(tried > 0, 'some budget gave up part-way after overwriting semis that differ from their idoms');
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
