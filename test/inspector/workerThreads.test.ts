import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { attach, isInspectorError, listWorkers, openWorkerSession } from '../../src/inspector/inspector';
import { analyzeFiles, pathText } from '../engine/detectors/fixtureRun';
import { assertLeftAsItWas, eventually, killAllTargets, startTarget } from './nodeTargets';
import { readSnapshotJson } from './snapshotJson';
import { tempDir } from '../tempDir';

const tmp = tempDir('workers');
const dir = tmp.dir;
after(async () => {
  await killAllTargets();
  tmp.remove();
});

// The worker keeps every tenant's client in a Map it never evicts: 150 more per round. The main
// thread only relays rounds. An idle second worker is there so the choice of worker matters.
const WORKER = `
  const { parentPort } = require('node:worker_threads');
  class TenantClient { constructor(n) { this.tenant = 'tenant-' + n; this.keys = Array.from({ length: 16 }, (_, i) => this.tenant + '/object-' + i); } }
  const tenantClients = new Map();
  let n = 0;
  parentPort.on('message', () => { for (let i = 0; i < 150; i++, n++) tenantClients.set('t' + n, new TenantClient(n)); parentPort.postMessage('grown'); });
`;
const MAIN = `
  const { Worker } = require('node:worker_threads');
  const idle = new Worker('setInterval(() => {}, 1000)', { eval: true });
  const leaky = new Worker(${JSON.stringify(WORKER)}, { eval: true, name: 'tenants' });
  let rounds = 0;
  leaky.on('message', () => console.log('round ' + ++rounds));
  globalThis.round = () => { leaky.postMessage('go'); return 0; };
  globalThis.keepMain = Array.from({ length: 1000 }, (_, i) => ({ i }));
  setInterval(() => {}, 1000);
  leaky.once('online', () => setTimeout(() => console.log('ready ' + idle.threadId + ' ' + leaky.threadId), 100));
`;

test("a worker thread's leak is found from its own snapshots, and the main thread's snapshot does not hold it", async () => {
  const target = await startTarget(MAIN);
  await eventually(() => target.lines.some((l) => l.startsWith('ready ')), 10_000, 'the workers start');
  const ready = target.lines.find((l) => l.startsWith('ready '));
  assert.ok(ready, `the target started its workers; stderr: ${target.stderr()}`);
  const [idleId, leakyId] = ready.split(' ').slice(1).map(Number);
  const session = await attach({ pid: target.pid });
  try {
    const workers = await listWorkers(session);
    assert.deepEqual(
      workers.map((w) => [w.threadId, w.index, w.title.includes('tenants')]),
      [
        [idleId, 1, false],
        [leakyId, 2, true],
      ],
    );
    await assert.rejects(openWorkerSession(session, '99'), (e: unknown) => isInspectorError(e, 'ENOPROC') && /has no worker thread 99: its workers are/.test(e.message));

    const worker = await openWorkerSession(session, String(leakyId));
    assert.equal(worker.describe(), `worker thread ${leakyId} of pid ${target.pid}`);
    const files: string[] = [];
    try {
      for (let n = 1; n <= 3; n++) {
        await session.connection.send('Runtime.evaluate', { expression: 'round()' });
        await target.waitForLine(`round ${n}`);
        // Both ways a snapshot can travel go through the parent's connection or the worker's own write.
        const file = join(dir, `worker-${n}.heapsnapshot`);
        const result = await worker.capture({ file, gc: true, method: n === 2 ? 'cdp-stream' : 'auto' });
        assert.equal(result.method, n === 2 ? 'cdp-stream' : 'target-file');
        assert.ok(result.preflight.heap.usedHeapBytes > 0 && result.preflight.estimatedBytes > 0);
        files.push(file);
      }
    } finally {
      await worker.detach();
    }
    const findings = await analyzeFiles(files);
    const leak = findings.find((f) => f.kind === 'unbounded-collection');
    assert.ok(leak, `findings: ${findings.map((f) => f.title).join('; ')}`);
    assert.match(pathText(leak), /tenantClients/);
    assert.equal(leak.count >= 300, true, `count ${leak.count}`);

    // The main thread, still attached after the worker session ended: its heap has no TenantClient.
    const mainFile = join(dir, 'main.heapsnapshot');
    await session.capture({ file: mainFile, gc: true });
    const mainNames = [...readSnapshotJson(mainFile).names.values()];
    const workerNames = [...readSnapshotJson(files[2]).names.values()];
    // 450 instances, plus the class itself and its bookkeeping nodes.
    const inWorker = workerNames.filter((n) => n === 'TenantClient').length;
    assert.ok(inWorker >= 450 && inWorker < 460, `${inWorker} nodes named TenantClient in the worker's snapshot`);
    assert.equal(mainNames.filter((n) => n === 'TenantClient').length, 0);
  } finally {
    await session.detach();
  }
  assertLeftAsItWas(target);
  await target.kill();
});
