import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { LEAKY_APP, childSnapshots } from '../engine/childSnapshots';
import { tempDir } from '../tempDir';
import { CLI, runCli } from './cliRun';
import { createEngine } from '../../src/engine/engine';
import { TaskContext } from '../../src/protocol/rpc';
import { assertBuilt } from '../distBundle';

const quietContext: TaskContext = { progress() {}, signal: new AbortController().signal, throwIfCancelled() {}, checkpoint: async () => {} };

let tmp: ReturnType<typeof tempDir>;
let files: string[];

before(async () => {
  assertBuilt(CLI);
  tmp = tempDir('cli');
  files = await childSnapshots(`${LEAKY_APP}\ngrow(100); snap(); grow(250); snap(); grow(10); snap();`, 3, tmp.dir);
});
after(() => tmp.remove());

function sameKeys(value: object, keys: string[], what: string): void {
  assert.deepEqual(Object.keys(value), keys, what);
}

test('summary --json prints exactly the documented shape', async () => {
  const r = await runCli(['summary', files[0], '--json', '--top', '5']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'no progress bar when stderr is not a terminal');
  const json = JSON.parse(r.stdout);
  sameKeys(json, ['nodeCount', 'edgeCount', 'totalSize', 'classes', 'top'], 'summary');
  for (const c of json.classes) sameKeys(c, ['name', 'count', 'selfSize', 'retainedSize'], 'class');
  for (const t of json.top) sameKeys(t, ['id', 'name', 'type', 'selfSize', 'retainedSize'], 'top');
  assert.equal(json.top.length, 5);
  assert.ok(json.nodeCount > 10_000 && json.edgeCount > json.nodeCount);
  assert.equal(json.classes.find((c: { name: string }) => c.name === 'LeakyThing')?.count, 100);
});

test('HEAPSCOPE_ENGINE_WORKER names the engine worker the CLI starts', async () => {
  const missing = `${tmp.dir}/no-such-engineWorker.js`;
  const r = await runCli(['summary', files[0]], 30_000, { ...process.env, HEAPSCOPE_ENGINE_WORKER: missing });
  assert.equal(r.code, 1, r.stderr);
  assert.ok(r.stderr.includes(missing), r.stderr);
  assert.equal(r.stdout, '');
});

test('summary text names the file and lists the classes', async () => {
  const r = await runCli(['summary', files[0], '--top', '3']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /nodes, .* edges, .* in total/);
  assert.match(r.stdout, /Classes by retained size \(3 of /);
  assert.match(r.stdout, /Largest objects by retained size:/);
});

test('diff --json of three snapshots reports growth and what survived from the middle', async () => {
  const r = await runCli(['diff', ...files, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  sameKeys(json, ['files', 'classes', 'retainedFromMiddle'], 'diff');
  for (const c of json.classes) sameKeys(c, ['name', 'newCount', 'deletedCount', 'countDelta', 'newSize', 'deletedSize', 'sizeDelta'], 'class delta');
  const leaky = json.classes.find((c: { name: string }) => c.name === 'LeakyThing');
  assert.deepEqual([leaky.newCount, leaky.deletedCount, leaky.countDelta], [250, 0, 250]);
  const middle = json.retainedFromMiddle.find((c: { name: string }) => c.name === 'LeakyThing');
  sameKeys(middle, ['name', 'count', 'selfSize', 'retainedSize'], 'middle');
  assert.equal(middle.count, 250);
  const two = JSON.parse((await runCli(['diff', files[0], files[1], '--json'])).stdout);
  assert.equal(two.retainedFromMiddle, null);
});

test('path --json explains a cached object', async () => {
  // An instance id to ask about, found in-process (the CLI has no instance listing).
  const engine = createEngine();
  const { handle } = await engine.open({ file: files[0] }, quietContext);
  const [thing] = (await engine.instancePage({ handle, className: 'LeakyThing', offset: 0, limit: 1 }, quietContext)).rows;
  const r = await runCli(['path', files[0], '--id', String(thing.id), '--json', '--k', '2']);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  sameKeys(json, ['file', 'id', 'paths'], 'path');
  assert.equal(json.id, thing.id);
  const [first] = json.paths;
  sameKeys(first, ['root', 'steps', 'internal'], 'one path');
  sameKeys(first.root, ['id', 'name'], 'root');
  for (const s of first.steps) sameKeys(s, ['edge', 'type', 'label', 'id', 'name', 'nodeType', 'selfSize', 'retainedSize'], 'step');
  assert.equal(first.internal, false);
  assert.deepEqual(first.steps.map((s: { label: string }) => s.label).slice(-3), ['property `cache`', 'entries table of Map', 'value in Map']);
  assert.equal(first.steps.at(-1).id, thing.id);
  const missing = await runCli(['path', files[0], '--id', '999999999']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no node with id 999999999/);
});

test('on a terminal, summary shows a progress bar with percent on stderr', { skip: !existsSync('/usr/bin/script') && 'needs script(1) for a pseudo-terminal' }, () => {
  // script(1) gives the CLI a pseudo-terminal, as a user's shell would.
  const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} summary ${JSON.stringify(files[0])} --top 1`, '/dev/null'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /parse\s+\[#+-*\]\s+\d+%/);
  assert.match(r.stdout, /100%/);
});
