import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingIdentity } from '../../../src/engine/report/findingFingerprint';
import { SESSION_CACHE_PATH, makeFinding } from './reportFindings';

const base = findingIdentity(makeFinding('unbounded-collection', SESSION_CACHE_PATH));

test('the key is the kind plus edge and node names of the user-code steps; the fingerprint hashes it', () => {
  assert.equal(base.key, 'unbounded-collection: <symbol owner_symbol>→Server / _events→Object / request→ / sessionCache→Map');
  assert.match(base.fingerprint, /^[0-9a-f]{32}$/);
});

const sameLeak: [string, (f: ReturnType<typeof makeFinding>) => void][] = [
  ['other node ids', (f) => f.path.forEach((s, i) => (s.id = 90_000 + i))],
  ['other sizes and counts', (f) => Object.assign(f, { retainedSize: 9, growth: 1, count: 2, series: [1, 2, 9], title: 'another title' })],
  ['another element index on the way', (f) => f.path.splice(4, 0, { type: 'element', edge: '17', name: 'Array', id: 5, label: 'element [17]' })],
  ['a different start of the path (another root, more internal steps)', (f) => f.path.splice(0, 2, { type: 'root', edge: '(GC roots)', name: '(GC roots)', id: 1, label: 'GC root' })],
];

test('the fingerprint is the same across runs of one leak', async (t) => {
  for (const [what, change] of sameLeak) {
    await t.test(what, () => {
      const f = makeFinding('unbounded-collection', SESSION_CACHE_PATH);
      const reference = findingIdentity(makeFinding('unbounded-collection', SESSION_CACHE_PATH));
      if (what.startsWith('another element')) {
        reference.fingerprint = findingIdentity(makeFinding('unbounded-collection', [...SESSION_CACHE_PATH.slice(0, 4), ['element', '3', 'Array'], ...SESSION_CACHE_PATH.slice(4)])).fingerprint;
      }
      change(f);
      assert.equal(findingIdentity(f).fingerprint, reference.fingerprint);
    });
  }
});

test('digits in names fold to #: a generated key or Array(12) is the same leak', () => {
  const a = findingIdentity(makeFinding('listener-leak', [['root', 'r', 'r'], ['property', 'tenant-12', 'Bus1']]));
  const b = findingIdentity(makeFinding('listener-leak', [['root', 'r', 'r'], ['property', 'tenant-345', 'Bus20']]));
  assert.equal(a.fingerprint, b.fingerprint);
});

test('another kind, another variable or another holder is another fingerprint', () => {
  const others = [
    makeFinding('listener-leak', SESSION_CACHE_PATH),
    makeFinding('unbounded-collection', SESSION_CACHE_PATH.map(([t, e, n]) => [t, e === 'sessionCache' ? 'userCache' : e, n])),
    makeFinding('unbounded-collection', SESSION_CACHE_PATH.map(([t, e, n]) => [t, e, n === 'Map' ? 'Set' : n])),
  ];
  const prints = new Set([base.fingerprint, ...others.map((f) => findingIdentity(f).fingerprint)]);
  assert.equal(prints.size, 4);
});

test('steps past the cut edge (inside the leaked group) do not count, the cut edge does', () => {
  const path: [string, string, string][] = [...SESSION_CACHE_PATH, ['internal', 'table', ''], ['element', '5', 'Object']];
  const a = findingIdentity(makeFinding('unbounded-collection', [...path, ['property', 'x', 'A']], { cutIndex: path.length - 1 }));
  const b = findingIdentity(makeFinding('unbounded-collection', [...path, ['property', 'y', 'B']], { cutIndex: path.length - 1 }));
  assert.equal(a.fingerprint, b.fingerprint);
  assert.match(a.key, /sessionCache→Map \/ \[\]→Object$/);
});

test('a chain of alike steps counts once, whatever its length: the holder stays in the key', () => {
  const chain = (n: number) => makeFinding('listener-leak', [
    ['root', '(GC roots)', '(GC roots)'], ['property', 'controller', 'AbortController'], ['property', 'signal', 'AbortSignal'],
    ...Array.from({ length: n }, (): [string, string, string] => ['property', 'next', 'Listener']),
  ]);
  const a = findingIdentity(chain(36));
  assert.equal(a.fingerprint, findingIdentity(chain(41)).fingerprint);
  assert.equal(a.key, 'listener-leak: controller→AbortController / signal→AbortSignal / next→Listener+');
});
