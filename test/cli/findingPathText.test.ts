import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FindingPathStep } from '../../src/protocol/finding';
import { findingPathText } from '../../src/cli/findingPathText';

const root: FindingPathStep = { edge: '(Global handles)', type: 'root', name: '(Global handles)', id: 29, label: 'GC root (Global handles)' };
const step = (edge: string, type: string, name: string, id: number): FindingPathStep => ({ edge, type, name, id, label: `property \`${edge}\`` });
const listeners = (n: number) => Array.from({ length: n }, (_, i) => step('next', 'property', 'Listener', 100 + i));

const cases: { name: string; path: FindingPathStep[]; text: string }[] = [
  { name: 'no repeats', path: [root, step('signal', 'property', 'AbortSignal', 2)], text: '(Global handles) → property `signal` → AbortSignal' },
  { name: '36 × next through Listener', path: [root, step('head', 'property', 'Listener', 3), ...listeners(36), step('callback', 'property', 'onAbort', 9)],
    text: '(Global handles) → property `head` → Listener → 36 × `next` through Listener → property `callback` → onAbort' },
  { name: 'a run at the end', path: [root, ...listeners(5)], text: '(Global handles) → 5 × `next` through Listener' },
  { name: 'two alike stay as they are', path: [root, ...listeners(2)], text: '(Global handles) → property `next` → Listener → property `next` → Listener' },
];

for (const c of cases) {
  test(`analyze's path text: ${c.name}`, () => {
    assert.equal(findingPathText(c.path), c.text);
  });
}
