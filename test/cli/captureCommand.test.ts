import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IDLE_TARGET, assertLeftAsItWas, portsListenedBy, startTarget } from '../inspector/nodeTargets';
import { readSnapshotJson } from '../inspector/snapshotJson';
import { runCli } from './cliBundle';
import { captureWorkspace } from './captureWorkspace';

const { cli, dir } = captureWorkspace('cli-capture');

interface CaptureJson {
  pid: number;
  heapUsage: { usedSize: number; totalSize: number };
  snapshots: { file: string; bytes: number; startedAt: string; durationMs: number }[];
  inspector: { switchedOn: boolean; switchedOff: boolean; portClosed: boolean };
}

test('capture --pid --out --gc --json writes the snapshot and reports it', async () => {
  const target = await startTarget(IDLE_TARGET);
  const file = join(dir, 'one.heapsnapshot');
  const run = await runCli(cli, ['capture', '--pid', String(target.pid), '--out', file, '--gc', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout) as CaptureJson;
  assert.equal(out.pid, target.pid);
  assert.ok(out.heapUsage.usedSize > 0);
  assert.deepEqual(out.inspector, { switchedOn: true, switchedOff: true, portClosed: true });
  assert.equal(out.snapshots.length, 1);
  assert.equal(out.snapshots[0].file, file);
  assert.ok(readSnapshotJson(file).nodeCount > 1000);
  assertLeftAsItWas(target);
  await target.kill();
});

test('capture prints the cost warning and the file; the default name carries pid and time', async () => {
  const target = await startTarget(IDLE_TARGET);
  const cwd = join(dir, 'default-name');
  (await import('node:fs')).mkdirSync(cwd);
  const run = await runCli(cli, ['capture', '--pid', String(target.pid)], { cwd });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, new RegExp(`pid ${target.pid} uses [\\d.]+ [KM]iB of JS heap`));
  assert.match(run.stderr, /stops its event loop/);
  const [name] = readdirSync(cwd);
  assert.match(name, new RegExp(`^heapscope-${target.pid}-\\d{8}T\\d{6}Z-1\\.heapsnapshot$`));
  assert.match(run.stdout, new RegExp(`${name} \\([\\d.]+ MiB, [\\d.]+ s\\)`));
  assertLeftAsItWas(target);
  await target.kill();
});

test('capture --count 2 --interval 0.5 writes a series into --out DIR', async () => {
  const target = await startTarget(IDLE_TARGET);
  const out = join(dir, 'series');
  const run = await runCli(cli, ['capture', '--pid', String(target.pid), '--count', '2', '--interval', '0.5', '--out', out, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const json = JSON.parse(run.stdout) as CaptureJson;
  assert.deepEqual(
    json.snapshots.map((s) => s.file.endsWith(`-${json.snapshots.indexOf(s) + 1}.heapsnapshot`)),
    [true, true],
  );
  assert.equal(readdirSync(out).length, 2);
  assertLeftAsItWas(target);
  await target.kill();
});

test('capture --url takes a ws:// URL or host:port', async () => {
  const target = await startTarget(IDLE_TARGET, ['--inspect=127.0.0.1:0']);
  const [port] = portsListenedBy(target.pid);
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  for (const url of [list[0].webSocketDebuggerUrl, `127.0.0.1:${port}`]) {
    const file = join(dir, `url-${port}-${url.length}.heapsnapshot`);
    const run = await runCli(cli, ['capture', '--url', url, '--out', file, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as CaptureJson;
    assert.equal(json.pid, target.pid);
    assert.equal(json.inspector.switchedOn, false);
  }
  assert.deepEqual(portsListenedBy(target.pid), [port], 'an inspector that was already on stays on');
  await target.kill();
});

test('permission denied: heapscope running as nobody cannot attach to a root process', async () => {
  const target = await startTarget(IDLE_TARGET);
  const cwd = join(dir, 'nobody');
  (await import('node:fs')).mkdirSync(cwd);
  chmodSync(cwd, 0o777);
  const run = await runCli(cli, ['capture', '--pid', String(target.pid)], {
    wrapper: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
    cwd,
  });
  assert.equal(run.code, 1);
  assert.match(run.stderr, new RegExp(`heapscope capture: permission denied: pid ${target.pid} belongs to another user \\(heapscope runs as uid 65534\\)`));
  assert.deepEqual(readdirSync(cwd), []);
  assertLeftAsItWas(target);
  await target.kill();
});

const usageCases: { args: string[]; message: RegExp }[] = [
  { args: ['capture'], message: /give exactly one of --pid and --url/ },
  { args: ['capture', '--pid', '1', '--url', 'ws://x'], message: /give exactly one of --pid and --url/ },
  { args: ['capture', '--pid', 'abc'], message: /--pid takes a positive integer, not 'abc'/ },
  { args: ['capture', '--pid', '1', '--interval', '5'], message: /--interval needs --count N/ },
  { args: ['capture', '--url', 'nonsense'], message: /--url takes ws:\/\/host:port\/id or host:port/ },
  { args: ['capture', '--pid', '1', '--bogus'], message: /Unknown option '--bogus'/ },
  { args: ['ps', 'extra'], message: /Unexpected argument 'extra'/ },
];
for (const { args, message } of usageCases) {
  test(`usage error: heapscope ${args.join(' ')}`, async () => {
    const run = await runCli(cli, args);
    assert.equal(run.code, 2);
    assert.match(run.stderr, message);
    assert.match(run.stderr, /usage: heapscope/);
  });
}

test('capture of a pid that does not exist fails with exit code 1 and a plain message', async () => {
  const run = await runCli(cli, ['capture', '--pid', '4194304']);
  assert.equal(run.code, 1);
  assert.equal(run.stderr, 'heapscope capture: no process with pid 4194304\n');
});
