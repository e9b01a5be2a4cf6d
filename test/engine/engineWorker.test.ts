import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngineWorker } from '../../src/engine/engineClient';
import { WORKER_EXEC_ARGV } from '../../src/engine/workerExecArgv';
import { ProgressEvent, RpcError } from '../../src/protocol/rpc';
import { LEAKY_APP, childSnapshots } from './childSnapshots';
import { tempDir } from '../tempDir';
import { assertBuilt, distBundle } from '../distBundle';

const WORKER = distBundle('engineWorker.js');

let tmp: ReturnType<typeof tempDir>;
let snapshot: string;

before(async () => {
  assertBuilt(WORKER);
  tmp = tempDir('worker');
  [snapshot] = await childSnapshots(`${LEAKY_APP}\ngrow(300); snap();`, 1, tmp.dir);
});
after(() => tmp.remove());

test('a worker child process opens a snapshot with progress and answers queries', async () => {
  const worker = startEngineWorker({ workerPath: WORKER });
  try {
    assert.ok(worker.pid && worker.pid !== process.pid);
    const events: ProgressEvent[] = [];
    const info = await worker.remote.open({ file: snapshot }, { onProgress: (e) => events.push(e) });
    assert.ok(info.nodeCount > 10_000, `nodeCount ${info.nodeCount}`);
    assert.ok(events.length > 0, 'no progress events');
    assert.ok(events.some((e) => e.phase === 'parse'), `phases: ${[...new Set(events.map((e) => e.phase))]}`);
    for (const e of events) assert.ok(e.done <= e.total || e.total === 0, JSON.stringify(e));
    const page = await worker.remote.classPage({ handle: info.handle, offset: 0, limit: 5, sortBy: 'name', descending: false, filter: 'leaky' });
    assert.deepEqual(page.rows.map((r) => [r.name, r.count]), [['LeakyThing', 300]]);
  } finally {
    worker.dispose();
  }
});

test("the worker runs with the engine's V8 flags", async () => {
  const worker = startEngineWorker({ workerPath: WORKER, maxOldSpaceMb: 3000 });
  try {
    // The process's own command line, as the kernel has it (NUL-separated).
    const args = readFileSync(`/proc/${worker.pid}/cmdline`, 'utf8').split('\0');
    for (const flag of [...WORKER_EXEC_ARGV, '--max-old-space-size=3000']) assert.ok(args.includes(flag), `${flag} in ${args.join(' ')}`);
    assert.ok(WORKER_EXEC_ARGV.includes('--no-concurrent-recompilation'));
  } finally {
    worker.dispose();
  }
});

test('cancel mid-open rejects with ECANCELLED and the worker keeps serving', async () => {
  const worker = startEngineWorker({ workerPath: WORKER });
  try {
    const controller = new AbortController();
    const opening = worker.remote.open({ file: snapshot }, { signal: controller.signal, onProgress: () => controller.abort() });
    await assert.rejects(opening, (e: RpcError) => e.code === 'ECANCELLED');
    const info = await worker.remote.open({ file: snapshot });
    assert.ok(info.nodeCount > 0);
  } finally {
    worker.dispose();
  }
});

test('a worker killed mid-call fails the call in flight and every later call', async () => {
  const worker = startEngineWorker({ workerPath: WORKER });
  try {
    let killed = false;
    const opening = worker.remote.open({ file: snapshot }, {
      onProgress: () => {
        if (!killed) process.kill(worker.pid as number, 'SIGKILL');
        killed = true;
      },
    });
    await assert.rejects(opening, (e: RpcError) => e.code === 'EWORKER' && /killed \(SIGKILL\)/.test(e.message));
    await assert.rejects(worker.remote.close({ handle: 's1' }), (e: RpcError) => e.code === 'EWORKER');
  } finally {
    worker.dispose();
  }
});

test('a missing worker bundle fails calls with a clear error', async () => {
  const worker = startEngineWorker({ workerPath: join(tmp.dir, 'nope.js') });
  try {
    await assert.rejects(worker.remote.open({ file: snapshot }), (e: RpcError) => e.code === 'EWORKER' && /exited with code 1.*nope\.js/.test(e.message));
  } finally {
    worker.dispose();
  }
});

test('dispose fails the call in flight and stops the worker', async () => {
  const worker = startEngineWorker({ workerPath: WORKER });
  const opening = worker.remote.open({ file: snapshot }, { onProgress: () => worker.dispose() });
  await assert.rejects(opening, (e: RpcError) => e.code === 'EWORKER' && /disposed/.test(e.message));
  await new Promise((r) => setTimeout(r, 300));
  assert.throws(() => process.kill(worker.pid as number, 0), /ESRCH/);
});
