import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EphemeronPairs, pairHash } from '../../../src/engine/graph/ephemeronPairs';
import { StringTable } from '../../../src/engine/snapshot/parsedSnapshot';

/** DevTools' own rule (HeapSnapshot.ts, calculateDistances' filter): a Set of the names' shared parts. */
const DEVTOOLS_NAME = /^\d+(?<duplicatedPart> \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(?<tableId>\d+)\))$/;

function devToolsVerdicts(strings: string[], met: number[]): boolean[] {
  const pending = new Set<string>();
  return met.map((i) => {
    const part = DEVTOOLS_NAME.exec(strings[i])!.groups!.duplicatedPart;
    if (pending.delete(part)) return true;
    pending.add(part);
    return false;
  });
}

function ourVerdicts(strings: string[], met: number[]): boolean[] {
  const table: StringTable = { count: strings.length, get: (i) => strings[i] };
  const pairs = new EphemeronPairs(table);
  return met.map((i) => pairs.meet(i));
}

const pairName = (n: number, key: string, value: string, table: number) =>
  `${n} / part of key (${key}) -> value (${value}) pair in WeakMap (table @${table})`;

/** Deterministic, so a failure reproduces (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CASES: { name: string; strings: string[]; met: number[] }[] = [
  {
    name: 'a pair met from the table, then from the key',
    strings: [pairName(3, 'Object @5', 'Object @7', 9), pairName(1, 'Object @5', 'Object @7', 9)],
    met: [0, 1],
  },
  {
    name: 'the same name met three times: skipped, passed, skipped',
    strings: [pairName(3, 'Object @5', 'Object @7', 9)],
    met: [0, 0, 0],
  },
  {
    name: 'equal text at two string indices is one pair',
    strings: [pairName(2, 'a @1', 'b @2', 3), pairName(2, 'a @1', 'b @2', 3)],
    met: [1, 0, 0, 1],
  },
  {
    name: 'pairs that differ only in the table, the key name or the leading digits\' neighbours',
    strings: [pairName(1, 'a @1', 'b @2', 3), pairName(1, 'a @1', 'b @2', 4), pairName(12, 'a @1', 'b @2', 3),
      pairName(1, 'a  @1', 'b @2', 3), pairName(1, 'a @1', 'b @2', 34)],
    met: [0, 1, 3, 4, 2, 1, 4, 3],
  },
  {
    name: 'names whose hashes collide stay two pairs',
    strings: [pairName(1, 'Object @9932', 'Object @9933', 7), pairName(1, 'Object @18838', 'Object @18839', 7),
      pairName(2, 'Object @18838', 'Object @18839', 7), pairName(2, 'Object @9932', 'Object @9933', 7)],
    met: [0, 1, 3, 2, 1, 0, 2],
  },
];

for (const c of CASES) {
  test(`EphemeronPairs: ${c.name}`, () => {
    assert.deepEqual(ourVerdicts(c.strings, c.met), devToolsVerdicts(c.strings, c.met));
  });
}

test('EphemeronPairs: the collision case really collides', () => {
  const a = ' / part of key (Object @9932) -> value (Object @9933) pair in WeakMap (table @7)';
  const b = ' / part of key (Object @18838) -> value (Object @18839) pair in WeakMap (table @7)';
  assert.equal(pairHash(a, 0), pairHash(b, 0));
  assert.notEqual(a, b);
});

test('EphemeronPairs: 60 k meetings of 12 k pairs in random order match DevTools\' Set', () => {
  // Enough pending pairs at once to grow the table several times and to delete inside long
  // probe runs; some pairs are met once, some three times, some by a repeated string.
  const next = random(17);
  const strings: string[] = [];
  const met: number[] = [];
  for (let p = 0; p < 12_000; p++) {
    const times = 1 + Math.floor(next() * 4);
    for (let k = 0; k < times; k++) {
      const n = next() < 0.2 && k > 0 ? 1 : k + 1;
      strings.push(pairName(n, `Object @${p * 2}`, `Object @${p * 2 + 1}`, 100 + (p % 7)));
      met.push(strings.length - 1);
    }
  }
  for (let i = met.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [met[i], met[j]] = [met[j], met[i]];
  }
  const ours = ourVerdicts(strings, met);
  assert.deepEqual(ours, devToolsVerdicts(strings, met));
  assert.ok(ours.filter(Boolean).length > 10_000, 'most pairs close');
});
