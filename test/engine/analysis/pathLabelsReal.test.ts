import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../src/engine/engine';
import { EngineApi } from '../../../src/protocol/engineApi';
import { TaskContext } from '../../../src/protocol/rpc';
import { childSnapshots } from '../childSnapshots';
import { tempDir } from '../../tempDir';

const ctx: TaskContext = { progress() {}, signal: new AbortController().signal, throwIfCancelled() {}, checkpoint: async () => {} };

// Each class is held in one of the ways V8 lays out differently (see docs/leak-patterns.md).
const APP = `
class InSet {} class InMap {} class KeyObj {} class InWeak {} class Deep {} class Dict {} class InArray {}
const s = new Set(); for (let i = 0; i < 50; i++) s.add(new InSet());
const m = new Map(); for (let i = 0; i < 100; i++) m.set('k' + i, i === 77 ? new InMap() : i);
const km = new Map(); km.set(new KeyObj(), 'v');
const wm = new WeakMap(); const wk = {}; wm.set(wk, new InWeak());
function outer() { const deep = new Deep(); return function mid() { return function inner() { return deep; }; }; }
const dict = {}; for (let i = 0; i < 2000; i++) dict['p' + i] = i; delete dict.p5; dict.target = new Dict();
const arr = new Array(9000).fill(0); arr[7697] = new InArray();
globalThis.keep = { s, m, km, wm, wk, fn: outer()(), dict, arr };
snap();`;

const EXPECTED: [string, string[]][] = [
  ['InSet', ['property `s`', 'entries table of Set', 'value in Set']],
  // 100 entries: 64 buckets, so the key/value slots are not where a small Map has them.
  ['InMap', ['property `m`', 'entries table of Map', 'value in Map']],
  ['KeyObj', ['property `km`', 'entries table of Map', 'key in Map']],
  ['InWeak', ['property `wk`', 'WeakMap value keyed by this object']],
  ['Deep', ['property `fn`', 'closure context', 'captured variable `deep` of closure inner()']],
  ['Dict', ['property `dict`', 'property `target`']],
  ['InArray', ['property `arr`', 'element [7697]']],
];

let tmp: ReturnType<typeof tempDir>;
let engine: EngineApi;
let handle: string;

before(async () => {
  tmp = tempDir('labels');
  const [file] = await childSnapshots(APP, 1, tmp.dir);
  engine = createEngine();
  ({ handle } = await engine.open({ file }, ctx));
});
after(() => tmp.remove());

for (const [className, tail] of EXPECTED) {
  test(`the first path to a ${className} reads: … ${tail.join(' → ')}`, async () => {
    const [row] = (await engine.instancePage({ handle, className, offset: 0, limit: 1 }, ctx)).rows;
    assert.ok(row, `no ${className} instance`);
    const [path] = await engine.paths({ handle, nodeId: row.id, k: 1 }, ctx);
    const labels = path.steps.map((s) => s.label);
    assert.deepEqual(labels.slice(0, 2), ['global object', 'property `keep`'], labels.join(' → '));
    assert.deepEqual(labels.slice(2), tail, labels.join(' → '));
    assert.equal(path.internal, false);
  });
}
