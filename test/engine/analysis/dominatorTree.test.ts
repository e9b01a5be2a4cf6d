import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DominatorTree } from '../../../src/engine/analysis/dominatorTree';
import { seededRandom } from '../../seededRandom';

/** The reference: walk `node`'s dominator chain up to the root, uncapped. */
function walkDominates(dominator: Uint32Array, ancestor: number, node: number): boolean {
  for (let cur = node; ; cur = dominator[cur]) {
    if (cur === ancestor) return true;
    if (dominator[cur] === cur) return false;
  }
}

function walkOutermost(dominator: Uint32Array, root: number, nodes: number[]): number[] {
  const set = new Set(nodes);
  return [...set].filter((n) => ![...set].some((m) => m !== n && m !== root && walkDominates(dominator, m, n))).sort((a, b) => a - b);
}

/** A random tree: each node's dominator is an earlier node in a shuffled order, root first. */
function randomTree(n: number, seed: number): { dominator: Uint32Array; root: number } {
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const dominator = new Uint32Array(n);
  const root = order[0];
  dominator[root] = root;
  // Mostly a parent close above, so some chains run deep.
  for (let k = 1; k < n; k++) dominator[order[k]] = order[random() < 0.7 ? k - 1 : Math.floor(random() * k)];
  return { dominator, root };
}

test('dominates and outermost agree with walking the chain, on small trees', () => {
  const cases: { name: string; dominator: number[]; root: number; set: number[]; outermost: number[] }[] = [
    { name: 'siblings', dominator: [0, 0, 0], root: 0, set: [1, 2], outermost: [1, 2] },
    { name: 'nested pair', dominator: [0, 0, 1], root: 0, set: [2, 1], outermost: [1] },
    { name: 'duplicates count once', dominator: [0, 0, 0], root: 0, set: [1, 1, 2, 2], outermost: [1, 2] },
    { name: 'root nests nothing', dominator: [0, 0, 1], root: 0, set: [0, 2], outermost: [0, 2] },
    { name: 'root not at ordinal 0', dominator: [2, 0, 2, 0, 2, 4], root: 2, set: [1, 3, 5, 4], outermost: [1, 3, 4] },
  ];
  for (const c of cases) {
    const dominator = Uint32Array.from(c.dominator);
    const tree = new DominatorTree(dominator, c.root);
    assert.deepEqual([...tree.outermost(c.set)].sort((a, b) => a - b), c.outermost, c.name);
    assert.deepEqual(walkOutermost(dominator, c.root, c.set), c.outermost, `${c.name}: reference`);
    for (let a = 0; a < dominator.length; a++) {
      for (let b = 0; b < dominator.length; b++) assert.equal(tree.dominates(a, b), walkDominates(dominator, a, b), `${c.name}: ${a} over ${b}`);
    }
  }
});

test('dominates and outermost agree with walking the chain, on random trees', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const { dominator, root } = randomTree(300, seed);
    const tree = new DominatorTree(dominator, root);
    const random = seededRandom(1000 + seed);
    for (let q = 0; q < 2000; q++) {
      const a = Math.floor(random() * 300);
      const b = Math.floor(random() * 300);
      assert.equal(tree.dominates(a, b), walkDominates(dominator, a, b), `seed ${seed}: ${a} over ${b}`);
    }
    const set = Array.from({ length: 40 }, () => Math.floor(random() * 300));
    assert.deepEqual([...tree.outermost(set)].sort((a, b) => a - b), walkOutermost(dominator, root, set), `seed ${seed}`);
  }
});

test('a chain of a million nodes: no step cap, one pass', () => {
  // Node i is dominated by i - 1: the shape a linked list gives, far past any walk cap.
  const n = 1_000_000;
  const dominator = new Uint32Array(n);
  for (let i = 1; i < n; i++) dominator[i] = i - 1;
  const tree = new DominatorTree(dominator, 0);
  assert.equal(tree.dominates(1, n - 1), true);
  assert.equal(tree.dominates(n - 1, 1), false);
  assert.deepEqual(tree.outermost([n - 1, 70, n - 2]), [70]);
});
