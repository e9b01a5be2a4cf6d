import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertLeftAsItWas, eventually, startTarget } from '../inspector/nodeTargets';
import { readSnapshotJson } from '../inspector/snapshotJson';
import { runCli } from './cliBundle';
import { captureWorkspace } from './captureWorkspace';

const { cli, dir } = captureWorkspace('cli-safety');

interface CaptureJson {
  pid: number;
  worker?: { threadId: number; title: string };
  preflight: { estimatedBytes: number; availableBytes: number | null; limitSource: string };
  snapshots: { file: string; bytes: number; method: string }[];
  inspector: { switchedOn: boolean; switchedOff: boolean; portClosed: boolean };
}

function memAvailable(): number {
  return Number(/^MemAvailable:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
}

test('capture --json reports the preflight; the warning on stderr gives the estimate and the headroom', async () => {
  const target = await startTarget("globalThis.keep = Array.from({ length: 20000 }, (_, i) => ({ i })); setInterval(() => {}, 1000); console.log('ready');");
  const file = join(dir, 'json.heapsnapshot');
  const json = await runCli(cli, ['capture', '--pid', String(target.pid), '--out', file, '--json']);
  assert.equal(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout) as CaptureJson;
  assert.ok(out.preflight.estimatedBytes > 16 * 1024 * 1024, JSON.stringify(out.preflight));
  assert.ok(['cgroup-v1', 'cgroup-v2', 'MemAvailable'].includes(out.preflight.limitSource));
  // Whatever the limit, the machine's MemAvailable bounds it (within what moved meanwhile).
  assert.ok(out.preflight.availableBytes !== null && out.preflight.availableBytes <= memAvailable() * 1.2);
  assert.equal(out.snapshots[0].method, 'target-file', 'on this machine the target writes the file itself');
  assert.ok(readSnapshotJson(file).nodeCount > 20000);

  const text = await runCli(cli, ['capture', '--pid', String(target.pid), '--out', join(dir, 'text.heapsnapshot')]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stderr, /The snapshot needs about [\d.]+ [MG]iB more memory in the target; (its container \(cgroup\) allows|the machine has) [\d.]+ [MG]iB more/);
  assertLeftAsItWas(target);
  await target.kill();
});

const WORKER_TARGET = `
  const { Worker } = require('node:worker_threads');
  const w = new Worker("class OnlyInTheWorker {}; globalThis.keep = Array.from({ length: 500 }, () => new OnlyInTheWorker()); setInterval(() => {}, 1000);", { eval: true, name: 'cruncher' });
  w.once('online', () => setTimeout(() => console.log('ready ' + w.threadId), 200));
  setInterval(() => {}, 1000);
`;

test('ps --workers lists a worker thread; capture --worker takes that worker’s own heap', async () => {
  const target = await startTarget(WORKER_TARGET, ['--inspect=127.0.0.1:0']);
  await eventually(() => target.lines.some((l) => l.startsWith('ready ')), 10_000, 'the worker starts');
  const threadId = Number(target.lines.find((l) => l.startsWith('ready '))!.split(' ')[1]);
  const ps = await runCli(cli, ['ps', '--workers', '--pid', String(target.pid), '--json']);
  assert.equal(ps.code, 0, ps.stderr);
  const [listed] = JSON.parse(ps.stdout) as { pid: number; workers: { threadId: number; index: number; title: string }[] }[];
  assert.equal(listed.pid, target.pid);
  assert.deepEqual(listed.workers.map((w) => [w.threadId, w.index, /cruncher/.test(w.title)]), [[threadId, 1, true]]);
  const table = await runCli(cli, ['ps', '--workers', '--pid', String(target.pid)]);
  assert.match(table.stdout, new RegExp(`^  worker #1  threadId ${threadId}  .*cruncher`, 'm'));

  for (const choice of [String(threadId), '#1']) {
    const file = join(dir, `worker-${choice.replace('#', 'n')}.heapsnapshot`);
    const run = await runCli(cli, ['capture', '--pid', String(target.pid), '--worker', choice, '--out', file, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as CaptureJson;
    assert.equal(out.worker?.threadId, threadId);
    const names = [...readSnapshotJson(file).names.values()];
    assert.ok(names.filter((n) => n === 'OnlyInTheWorker').length >= 500);
  }
  const main = join(dir, 'main.heapsnapshot');
  assert.equal((await runCli(cli, ['capture', '--pid', String(target.pid), '--out', main])).code, 0);
  assert.equal([...readSnapshotJson(main).names.values()].filter((n) => n === 'OnlyInTheWorker').length, 0);

  const missing = await runCli(cli, ['capture', '--pid', String(target.pid), '--worker', '#7']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, new RegExp(`has no worker thread #7: its workers are ${threadId} \\(#1\\)`));
  await target.kill();
});

for (const { args, message } of [
  { args: ['capture', '--pid', '1', '--worker', 'main'], message: /--worker takes a worker's threadId or #N/ },
  { args: ['capture', '--pid', '1', '--method', 'carrier-pigeon'], message: /--method takes auto, target-file or cdp-stream/ },
  { args: ['ps', '--pid', 'x'], message: /--pid takes a positive integer, not 'x'/ },
]) {
  test(`usage error: heapscope ${args.join(' ')}`, async () => {
    const run = await runCli(cli, args);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, message);
  });
}
