import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureProgress, attach, isInspectorError } from '../../src/inspector/inspector';
import { IDLE_TARGET, assertLeftAsItWas, killAllTargets, portsListenedBy, startTarget } from './nodeTargets';
import { readSnapshotJson } from './snapshotJson';
import { tempDir } from '../tempDir';

const tmp = tempDir('capture');
const dir = tmp.dir;
after(async () => {
  await killAllTargets();
  tmp.remove();
});

test('attach by pid switches the inspector on, captures a complete snapshot, then switches it off', async () => {
  const target = await startTarget(IDLE_TARGET);
  assert.deepEqual(portsListenedBy(target.pid), [], 'the target starts without an inspector');
  const session = await attach({ pid: target.pid });
  try {
    assert.equal(session.pid, target.pid);
    assert.equal(session.switchedOn, true);
    assert.deepEqual(portsListenedBy(target.pid), [session.endpoint!.port]);
    const usage = await session.heapUsage();
    assert.ok(usage.usedSize > 1e5 && usage.usedSize <= usage.totalSize, `heap usage ${JSON.stringify(usage)}`);
    const progress: CaptureProgress[] = [];
    const file = join(dir, 'one.heapsnapshot');
    const result = await session.capture({ file, gc: true, onProgress: (p) => progress.push(p) });
    assert.equal(result.file, file);
    assert.equal(result.bytes, statSync(file).size);
    assert.equal(result.pid, target.pid);
    const snapshot = readSnapshotJson(file);
    assert.ok(snapshot.nodeCount > 1000);
    assert.ok(progress.some((p) => p.phase === 'gc'));
    const walked = progress.filter((p) => p.phase === 'snapshot');
    assert.ok(walked.length > 0 && walked.at(-1)!.done === walked.at(-1)!.total);
    assert.equal(progress.filter((p) => p.phase === 'writing').at(-1)!.bytesWritten, result.bytes);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.part')), []);
  } finally {
    assert.deepEqual(await session.detach(), { switchedOff: true, portClosed: true });
  }
  assertLeftAsItWas(target);
  await target.kill();
});

test('attach by ws:// URL and by host:port reaches the same process and leaves its own inspector open', async () => {
  const target = await startTarget(IDLE_TARGET, ['--inspect=127.0.0.1:0']);
  const [port] = portsListenedBy(target.pid);
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  for (const how of [{ url: list[0].webSocketDebuggerUrl }, { host: '127.0.0.1', port }]) {
    const session = await attach(how);
    assert.equal(session.pid, target.pid, JSON.stringify(how));
    assert.equal(session.switchedOn, false);
    assert.deepEqual(await session.detach(), { switchedOff: false, portClosed: true });
    // It was on before we came: it stays on.
    assert.deepEqual(portsListenedBy(target.pid), [port]);
  }
  // By pid: found listening already, so not switched on by us and not switched off.
  const byPid = await attach({ pid: target.pid });
  assert.equal(byPid.switchedOn, false);
  assert.deepEqual(byPid.endpoint, { host: '127.0.0.1', port });
  await byPid.detach();
  assert.deepEqual(portsListenedBy(target.pid), [port]);
  await target.kill();
});

test('a series writes N snapshots named by pid, time and sequence, T seconds apart', async () => {
  const target = await startTarget(IDLE_TARGET);
  const session = await attach({ pid: target.pid });
  const seriesDir = join(dir, 'series');
  rmSync(seriesDir, { recursive: true, force: true });
  (await import('node:fs')).mkdirSync(seriesDir);
  try {
    const results = await session.captureSeries({ count: 3, intervalSeconds: 0.6, dir: seriesDir });
    assert.equal(results.length, 3);
    results.forEach((r, i) => {
      assert.match(r.file, new RegExp(`heapscope-${target.pid}-\\d{8}T\\d{6}Z-${i + 1}\\.heapsnapshot$`));
      assert.ok(readSnapshotJson(r.file).nodeCount > 1000);
    });
    for (let i = 1; i < results.length; i++) {
      const gap = results[i].startedAt.getTime() - results[i - 1].startedAt.getTime();
      assert.ok(gap >= 590, `capture ${i} started ${gap} ms after the previous one`);
    }
    assert.equal(readdirSync(seriesDir).length, 3);
  } finally {
    await session.detach();
  }
  assertLeftAsItWas(target);
  await target.kill();
});

test('cancelling a capture disconnects, removes the partial file and switches the inspector off', async () => {
  const target = await startTarget(
    "globalThis.keep = Array.from({ length: 60000 }, (_, i) => ({ i, s: 'x' + i })); setInterval(() => {}, 1000); console.log('ready');",
  );
  const session = await attach({ pid: target.pid });
  const controller = new AbortController();
  const file = join(dir, 'cancelled.heapsnapshot');
  await assert.rejects(
    session.capture({
      file,
      signal: controller.signal,
      // Cancel mid-walk: V8 is still working, so this is the case where a partial file and a
      // session receiving a snapshot nobody wants must both be cleaned up.
      onProgress: () => controller.abort(),
    }),
    (e: unknown) => isInspectorError(e, 'ECANCELLED') && /partial file was removed/.test(e.message),
  );
  assert.equal(session.detached, true);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('cancelled')), []);
  assertLeftAsItWas(target);
  await target.kill();
});

test('lookupBufferViews reads offset and lengths of live Buffers by snapshot node id', async () => {
  const target = await startTarget(
    "globalThis.pooled = Buffer.from('escaped slice'); globalThis.sub = new Uint8Array(100000).subarray(10, 30); globalThis.plain = { a: 1 };" +
      " setInterval(() => {}, 1000); console.log('ready');",
  );
  const session = await attach({ pid: target.pid });
  try {
    const file = join(dir, 'views.heapsnapshot');
    await session.capture({ file });
    const idOf = async (expression: string) => {
      const { result } = await session.connection.send('Runtime.evaluate', { expression });
      const { heapSnapshotObjectId } = await session.connection.send('HeapProfiler.getHeapObjectId', { objectId: result.objectId! });
      return Number(heapSnapshotObjectId);
    };
    const [pooled, sub, plain] = [await idOf('pooled'), await idOf('sub'), await idOf('plain')];
    const names = readSnapshotJson(file).names;
    assert.equal(names.get(pooled), 'Buffer', 'the id is the Buffer node of the snapshot just taken');
    assert.equal(names.get(sub), 'Uint8Array');
    const expectedOffset = await session.connection.send('Runtime.evaluate', { expression: 'pooled.byteOffset', returnByValue: true });
    const views = await session.lookupBufferViews([pooled, sub, plain, 999999999]);
    assert.deepEqual(views.get(pooled), { byteOffset: expectedOffset.result.value, byteLength: 13, bufferByteLength: 8192 });
    assert.deepEqual(views.get(sub), { byteOffset: 10, byteLength: 20, bufferByteLength: 100000 });
    assert.equal(views.get(plain), null);
    assert.equal(views.get(999999999), null);
  } finally {
    await session.detach();
  }
  assertLeftAsItWas(target);
  await target.kill();
});

test('a progress callback that throws fails the capture cleanly instead of wedging the session', async () => {
  const target = await startTarget(IDLE_TARGET);
  const session = await attach({ pid: target.pid });
  await assert.rejects(
    session.capture({
      file: join(dir, 'throwing.heapsnapshot'),
      onProgress: () => {
        throw new Error('callback bug');
      },
    }),
    /callback bug/,
  );
  assert.equal(session.detached, true);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('throwing')), []);
  assertLeftAsItWas(target);
  await target.kill();
});

test('both capture methods write a complete snapshot; the one the target writes is private (0600) and leaves no directory behind', async () => {
  const target = await startTarget(IDLE_TARGET);
  const session = await attach({ pid: target.pid });
  const methodsDir = join(dir, 'methods');
  (await import('node:fs')).mkdirSync(methodsDir);
  try {
    const streamed = await session.capture({ file: join(methodsDir, 'streamed.heapsnapshot'), method: 'cdp-stream' });
    const written = await session.capture({ file: join(methodsDir, 'written.heapsnapshot') });
    assert.equal(streamed.method, 'cdp-stream');
    assert.equal(written.method, 'target-file', "auto picks the target's own write on this machine");
    assert.equal(statSync(written.file).mode & 0o777, 0o600);
    assert.equal(written.bytes, statSync(written.file).size);
    const [a, b] = [readSnapshotJson(streamed.file), readSnapshotJson(written.file)];
    // The same idle heap: node counts within a few percent (the capture itself allocates a little).
    assert.ok(Math.abs(a.nodeCount - b.nodeCount) < a.nodeCount * 0.05, `${a.nodeCount} vs ${b.nodeCount}`);
    assert.deepEqual(readdirSync(methodsDir).sort(), ['streamed.heapsnapshot', 'written.heapsnapshot']);
  } finally {
    await session.detach();
  }
  assertLeftAsItWas(target);
  await target.kill();
});

test('cancelling while the target writes its own snapshot leaves no file, switches the inspector off, and the target lives', async () => {
  const target = await startTarget(
    "globalThis.keep = Array.from({ length: 300000 }, (_, i) => ({ i, s: 'x' + i })); setInterval(() => {}, 1000); console.log('ready');",
  );
  const session = await attach({ pid: target.pid });
  const cancelDir = join(dir, 'cancel-written');
  (await import('node:fs')).mkdirSync(cancelDir);
  const controller = new AbortController();
  let bytesAtCancel = 0;
  await assert.rejects(
    session.capture({
      file: join(cancelDir, 'cancelled.heapsnapshot'),
      method: 'target-file',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'writing' && p.bytesWritten > 0 && !controller.signal.aborted) {
          bytesAtCancel = p.bytesWritten;
          controller.abort();
        }
      },
    }),
    (e: unknown) => isInspectorError(e, 'ECANCELLED') && /partial file was removed/.test(e.message),
  );
  assert.ok(bytesAtCancel > 0, 'cancelled mid-write');
  assert.equal(session.detached, true);
  assert.deepEqual(readdirSync(cancelDir), [], 'neither the snapshot nor the private directory is left');
  // The target finishes writing into the unlinked file and carries on.
  assertLeftAsItWas(target);
  const again = await attach({ pid: target.pid });
  assert.equal((await again.connection.send('Runtime.evaluate', { expression: 'keep.length', returnByValue: true })).result.value, 300000);
  await again.detach();
  await target.kill();
});
