import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FindingPathStep } from '../../src/protocol/finding';
import { collapsePath } from '../../webview/collapsePath';

function step(id: number, type: string, edge: string, name = `n${id}`): FindingPathStep {
  return { id, type, edge, name, label: type === 'internal' ? '' : `${edge} of n${id - 1}` };
}

const root = step(1, 'element', '(GC roots)', '(GC roots)');

const cases: { name: string; types: string[]; cut: number | null; edges: string[]; nodes: number[] }[] = [
  { name: 'no internal steps: drawn as is', types: ['property', 'property'], cut: 2, edges: ['e2 of n1', 'e3 of n2'], nodes: [1, 2, 3] },
  { name: 'a run of three internal steps collapses', types: ['property', 'internal', 'internal', 'internal', 'context'], cut: 5,
    edges: ['e2 of n1', '3 internal steps', 'e6 of n5'], nodes: [1, 2, 5, 6] },
  { name: 'one internal step stays', types: ['property', 'internal', 'property'], cut: null, edges: ['e2 of n1', 'e3', 'e4 of n3'], nodes: [1, 2, 3, 4] },
  { name: 'the cut edge is never folded into a run', types: ['internal', 'internal', 'internal', 'internal'], cut: 3,
    edges: ['2 internal steps', 'e4', 'e5'], nodes: [1, 3, 4, 5] },
  { name: 'the final edge into the held object is always shown', types: ['property', 'internal', 'internal'], cut: null,
    edges: ['e2 of n1', 'e3', 'e4'], nodes: [1, 2, 3, 4] },
];

for (const c of cases) {
  test(`collapsePath: ${c.name}`, () => {
    const path = [root, ...c.types.map((t, i) => step(i + 2, t, `e${i + 2}`))];
    const g = collapsePath(path, c.cut);
    assert.deepEqual(g.edges.map((e) => e.label), c.edges);
    assert.deepEqual(g.nodes.map((n) => n.id), c.nodes);
    assert.equal(g.edges.length, g.nodes.length - 1);
    assert.equal(g.edges.filter((e) => e.cut).length, c.cut === null ? 0 : 1);
    assert.equal(g.edges.reduce((s, e) => s + e.steps, 0), path.length - 1, 'every step accounted for');
  });
}

/** Runs of one repeated step: drawn as one edge with the CLI's words (pathRuns.ts). */
const runCases: { name: string; steps: [string, string, string][]; cut: number | null; edges: string[]; nodes: number[]; cutLabel: string | null }[] = [
  { name: '36 × next through Listener is one edge', cut: 1,
    steps: [['kEvents', 'property', 'Map'], ...Array.from({ length: 36 }, (): [string, string, string] => ['next', 'property', 'Listener']), ['callback', 'property', 'fn']],
    edges: ['kEvents of n1', '36 × `next` through Listener', 'callback of n38'], nodes: [1, 2, 38, 39], cutLabel: 'kEvents of n1' },
  { name: 'the cut inside a run marks the run', cut: 3,
    steps: [['a', 'property', 'A'], ['next', 'property', 'L'], ['next', 'property', 'L'], ['next', 'property', 'L']],
    edges: ['a of n1', '3 × `next` through L'], nodes: [1, 2, 5], cutLabel: '3 × `next` through L' },
  { name: 'a run of internal steps with one name is a repeat, not "N internal steps"', cut: null,
    steps: [['p', 'property', 'P'], ['previous', 'internal', 'system / Context'], ['previous', 'internal', 'system / Context'], ['previous', 'internal', 'system / Context'], ['v', 'context', 'Map']],
    edges: ['p of n1', '3 × `previous` through system / Context', 'v of n5'], nodes: [1, 2, 5, 6], cutLabel: null },
];

for (const c of runCases) {
  test(`collapsePath: ${c.name}`, () => {
    const path = [root, ...c.steps.map(([edge, type, name], i) => ({ id: i + 2, type, edge, name, label: `${edge} of n${i + 1}` }))];
    const g = collapsePath(path, c.cut);
    assert.deepEqual(g.edges.map((e) => e.label), c.edges);
    assert.deepEqual(g.nodes.map((n) => n.id), c.nodes);
    assert.deepEqual(g.edges.filter((e) => e.cut).map((e) => e.label), c.cutLabel === null ? [] : [c.cutLabel]);
    assert.equal(g.edges.reduce((s, e) => s + e.steps, 0), path.length - 1, 'every step accounted for');
  });
}

test('collapsePath: empty path', () => {
  assert.deepEqual(collapsePath([], null), { nodes: [], edges: [] });
});
