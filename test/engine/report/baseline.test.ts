import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Baseline, baselineOf, compareWithBaseline, parseBaseline } from '../../../src/engine/report/baseline';

const entry = (fingerprint: string) => ({ fingerprint, kind: 'timer-leak' as const, key: `k ${fingerprint}`, title: `t ${fingerprint}` });
const baseline: Baseline = baselineOf([entry('aaaaaaaa'), entry('bbbbbbbb'), entry('bbbbbbbb'), entry('cccccccc')]);

const cases: { name: string; current: string[]; statuses: string[]; fixed: string[] }[] = [
  { name: 'all known', current: ['aaaaaaaa', 'bbbbbbbb', 'bbbbbbbb', 'cccccccc'], statuses: ['known', 'known', 'known', 'known'], fixed: [] },
  { name: 'one new, one fixed', current: ['dddddddd', 'aaaaaaaa', 'bbbbbbbb', 'bbbbbbbb'], statuses: ['new', 'known', 'known', 'known'], fixed: ['cccccccc'] },
  { name: 'a third copy of a known leak is new', current: ['bbbbbbbb', 'bbbbbbbb', 'bbbbbbbb'], statuses: ['known', 'known', 'new'], fixed: ['aaaaaaaa', 'cccccccc'] },
  { name: 'nothing found: everything fixed', current: [], statuses: [], fixed: ['aaaaaaaa', 'bbbbbbbb', 'bbbbbbbb', 'cccccccc'] },
];

for (const c of cases) {
  test(`baseline comparison: ${c.name}`, () => {
    const r = compareWithBaseline(c.current.map((fingerprint) => ({ fingerprint })), baseline);
    assert.deepEqual(r.statuses, c.statuses);
    assert.deepEqual(r.fixed.map((e) => e.fingerprint), c.fixed);
  });
}

test('a baseline survives a round trip through its file', () => {
  assert.deepEqual(parseBaseline(JSON.stringify(baseline), 'b.json'), baseline);
});

const bad: [string, string, RegExp][] = [
  ['not JSON', '{', /^b\.json: not JSON/],
  ['another file', '{"version":2}', /^b\.json: not a heapscope baseline/],
  ['an unknown kind', '{"heapscopeBaseline":1,"findings":[{"fingerprint":"aaaaaaaa","kind":"memory-leak"}]}', /findings\[0\] needs a hex "fingerprint" and a known "kind"/],
  ['no fingerprint', '{"heapscopeBaseline":1,"findings":[{"kind":"timer-leak"}]}', /findings\[0\]/],
];
for (const [what, text, message] of bad) {
  test(`a bad baseline is a clear error: ${what}`, () => assert.throws(() => parseBaseline(text, 'b.json'), { message }));
}
