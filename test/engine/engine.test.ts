import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/engine/engine';
import { EngineApi } from '../../src/protocol/engineApi';
import { TaskContext } from '../../src/protocol/rpc';
import { LEAKY_APP, childSnapshots } from './childSnapshots';
import { tempDir } from '../tempDir';

const ctx: TaskContext = {
  progress() {},
  signal: new AbortController().signal,
  throwIfCancelled() {},
  checkpoint: async () => {},
};

let tmp: ReturnType<typeof tempDir>;
let files: string[];
let engine: EngineApi;
let handles: string[];

before(async () => {
  tmp = tempDir('engine');
  files = await childSnapshots(`${LEAKY_APP}\ngrow(200); snap(); grow(300); snap(); cache.delete('k0'); grow(100); snap();`, 3, tmp.dir);
  engine = createEngine();
  handles = [];
  for (const file of files) handles.push((await engine.open({ file }, ctx)).handle);
});
after(() => tmp.remove());

test('summary of a real snapshot counts the app classes', async () => {
  const s = await engine.summary({ handle: handles[0], top: 7 }, ctx);
  const leaky = s.classes.find((c) => c.name === 'LeakyThing');
  assert.equal(leaky?.count, 200);
  // Each LeakyThing holds its own 200+ character payload string.
  assert.ok(leaky && leaky.retainedSize > leaky.selfSize + 200 * 200, JSON.stringify(leaky));
  assert.equal(s.top.length, 7);
  for (let i = 1; i < s.top.length; i++) assert.ok(s.top[i - 1].retainedSize >= s.top[i].retainedSize);
  for (let i = 1; i < s.classes.length; i++) assert.ok(s.classes[i - 1].retainedSize >= s.classes[i].retainedSize);
  assert.ok(s.totalSize > 1_000_000 && s.totalSize >= s.classes.reduce((t, c) => t + c.selfSize, 0) - 1);
});

test('class and instance pages are sorted, filtered and sliced in the engine', async () => {
  const page = await engine.classPage({ handle: handles[0], offset: 1, limit: 2, sortBy: 'count', descending: true }, ctx);
  const all = await engine.classPage({ handle: handles[0], offset: 0, limit: 1e9, sortBy: 'count', descending: true }, ctx);
  assert.equal(page.total, all.total);
  assert.deepEqual(page.rows, all.rows.slice(1, 3));
  assert.ok(all.rows[0].count >= all.rows[1].count);
  const instances = await engine.instancePage({ handle: handles[0], className: 'LeakyThing', offset: 0, limit: 10 }, ctx);
  assert.equal(instances.total, 200);
  assert.equal(instances.rows.length, 10);
  assert.ok(instances.rows.every((r) => r.type === 'object' && r.name === 'LeakyThing'));
});

test('a Map value is explained by its Map and the global property holding it', async () => {
  const [thing] = (await engine.instancePage({ handle: handles[0], className: 'LeakyThing', offset: 0, limit: 1 }, ctx)).rows;
  const retainers = await engine.retainers({ handle: handles[0], nodeId: thing.id, offset: 0, limit: 10 }, ctx);
  assert.ok(retainers.rows.some((r) => r.label === 'value in Map'), JSON.stringify(retainers.rows.map((r) => r.label)));
  const paths = await engine.paths({ handle: handles[0], nodeId: thing.id, k: 3 }, ctx);
  assert.ok(paths.length >= 1);
  assert.equal(paths[0].internal, false);
  const labels = paths[0].steps.map((s) => s.label);
  assert.deepEqual(labels.slice(-3), ['property `cache`', 'entries table of Map', 'value in Map'], labels.join(' → '));
  assert.equal(paths[0].steps.at(-1)?.id, thing.id);
  for (let i = 1; i < paths.length; i++) assert.ok(Number(paths[i - 1].internal) <= Number(paths[i].internal));
});

test('a closure-captured array is explained by the captured variable', async () => {
  const arrays = await engine.instancePage({ handle: handles[0], className: 'Array', offset: 0, limit: 50 }, ctx);
  // new Array(20000).fill(7): 160 kB of elements; `handlers` retains it too, but more.
  const big = arrays.rows.filter((r) => r.retainedSize >= 160_000).at(-1);
  assert.ok(big, 'the captured array');
  const [path] = await engine.paths({ handle: handles[0], nodeId: big.id, k: 1 }, ctx);
  assert.match(path.steps.at(-1)?.label ?? '', /^captured variable `big` of closure (onDone|peek)\(\)$/);
});

test('diff of three snapshots finds what was allocated between 1 and 2 and survived', async () => {
  const two = await engine.diff({ handles: handles.slice(0, 2) }, ctx);
  const leaky = two.classes.find((c) => c.name === 'LeakyThing');
  assert.deepEqual([leaky?.newCount, leaky?.deletedCount, leaky?.countDelta], [300, 0, 300]);
  const three = await engine.diff({ handles }, ctx);
  const middle = three.retainedFromMiddle?.find((c) => c.name === 'LeakyThing');
  assert.equal(middle?.count, 300);
  // k0 was allocated before snapshot 1, so deleting it does not touch the middle set.
  const back = await engine.diff({ handles: [handles[2], handles[1]] }, ctx);
  assert.equal(back.classes.find((c) => c.name === 'LeakyThing')?.deletedCount, 100);
});

test('comparison pages come from the engine: the diff A → B through the pager, kept until a snapshot closes', async () => {
  const [a, b] = handles;
  const { classes } = await engine.diff({ handles: [a, b] }, ctx);
  const first = await engine.comparisonPage({ handles: [a, b], offset: 0, limit: 3, sortBy: 'sizeDelta', descending: true }, ctx);
  assert.equal(first.total, classes.length);
  assert.deepEqual(first.rows, [...classes].sort((x, y) => y.sizeDelta - x.sizeDelta || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)).slice(0, 3));
  const leaky = await engine.comparisonPage({ handles: [a, b], offset: 0, limit: 10, sortBy: 'name', descending: false, filter: ' leakything ' }, ctx);
  assert.deepEqual(leaky.rows.map((r) => [r.name, r.countDelta]), [['LeakyThing', 300]]);
  const other = createEngine();
  const [x, y] = [(await other.open({ file: files[0] }, ctx)).handle, (await other.open({ file: files[1] }, ctx)).handle];
  assert.equal((await other.comparisonPage({ handles: [x, y], offset: 0, limit: 1, sortBy: 'name', descending: false }, ctx)).total, classes.length);
  await other.close({ handle: y }, ctx);
  await assert.rejects(other.comparisonPage({ handles: [x, y], offset: 0, limit: 1, sortBy: 'name', descending: false }, ctx), /no open snapshot with handle/);
});

test('analyze runs the registered detectors over a series and returns ranked findings', async () => {
  const { findings } = await engine.analyze({ handles }, ctx);
  assert.ok(Array.isArray(findings));
  for (let i = 1; i < findings.length; i++) assert.ok(findings[i - 1].retainedSize >= findings[i].retainedSize);
  await assert.rejects(engine.analyze({ handles: [] }, ctx), /at least one snapshot/);
});

test('bad requests get clear errors', async () => {
  await assert.rejects(engine.summary({ handle: 'nope' }, ctx), /no open snapshot with handle 'nope'/);
  await assert.rejects(engine.paths({ handle: handles[0], nodeId: 2 ** 31 + 1 }, ctx), /no node with id/);
  await assert.rejects(engine.open({ file: `${tmp.dir}/missing.heapsnapshot` }, ctx), /missing\.heapsnapshot: no such file/);
  await assert.rejects(engine.diff({ handles: [handles[0]] }, ctx), /two or three/);
});
