import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { assertLeftAsItWas, eventually, killAllTargets, startTarget } from '../inspector/nodeTargets';
import { CLI, runCli } from './cliRun';
import { sourceLine } from '../sourceLine';
import { tempDir } from '../tempDir';

const FIXTURE = join(__dirname, '..', 'fixtures', 'growingAllocationSite.js');
const tmp = tempDir('sample');
const dir = tmp.dir;
after(async () => {
  await killAllTargets();
  tmp.remove();
});

const lineOf = (pattern: RegExp): number => sourceLine(FIXTURE, pattern);

interface Site {
  script: string;
  line: number;
  column: number;
  functionName: string;
}
interface SampleJson {
  pid: number;
  worker: { threadId: number } | null;
  file: string;
  samplingInterval: number;
  profiles: number;
  growing: (Site & { bytes: number[]; growth: number })[];
  top: (Site & { bytes: number })[];
  totalBytes: number;
}

test('sample --duration writes a private .heapprofile and names the growing site by its line, not the churn', async () => {
  const target = await startTarget(`require(${JSON.stringify(FIXTURE)})`);
  await target.waitForLine('ready');
  const file = join(dir, 'main.heapprofile');
  const run = await runCli(['sample', '--pid', String(target.pid), '--duration', '3', '--out', file, '--json'], 60_000);
  assert.equal(run.code, 0, run.stderr);
  assertLeftAsItWas(target);
  await target.kill();
  const out = JSON.parse(run.stdout) as SampleJson;
  assert.equal(out.file, file);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.ok((JSON.parse(readFileSync(file, 'utf8')) as { head?: unknown }).head, 'a sampling heap profile DevTools can open');
  assert.equal(out.samplingInterval, 32768);
  assert.equal(out.profiles, 4);
  const [top] = out.growing;
  assert.ok(top, JSON.stringify(out));
  // Session's constructor is its own frame, or inlined into admit() by the optimiser.
  const expected = new Map([['Session', lineOf(/constructor\(id\)/)], ['admit', lineOf(/^function admit\(/)]]);
  assert.equal(top.script, FIXTURE);
  assert.equal(top.line, expected.get(top.functionName), `${top.functionName} at line ${top.line}`);
  assert.ok(top.bytes.every((b, i) => i === 0 || b >= top.bytes[i - 1]));
  assert.ok(!out.growing.some((s) => s.functionName === 'churn'), 'the churned garbage dies: it never grows');
  assert.equal(out.top[0].functionName, top.functionName);
  assert.ok(out.top[0].bytes <= out.totalBytes);
});

test('sample --worker samples that worker: its own function, not the main thread’s; the text names it', async () => {
  const target = await startTarget(`
    const { Worker } = require('node:worker_threads');
    const w = new Worker("const kept = []; function hoard() { for (let i = 0; i < 200; i++) kept.push({ i, pad: new Array(64).fill(i) }); } setInterval(hoard, 50);", { eval: true, name: 'hoarder' });
    w.once('online', () => setTimeout(() => console.log('ready ' + w.threadId), 200));
    setInterval(() => {}, 1000);
  `, ['--inspect=127.0.0.1:0']);
  await eventually(() => target.lines.some((l) => l.startsWith('ready ')), 10_000, 'the worker starts');
  const threadId = Number(target.lines.find((l) => l.startsWith('ready '))!.split(' ')[1]);
  const cwd = mkdtempSync(join(dir, 'worker-'));
  const run = await runCliIn(cwd, ['sample', '--pid', String(target.pid), '--worker', '#1', '--duration', '2']);
  assert.equal(run.code, 0, run.stderr);
  await target.kill();
  // Named after the worker's thread id, never its title.
  const [name] = readdirSync(cwd);
  assert.match(name, new RegExp(`^heapscope-${target.pid}-w${threadId}-\\d{8}T\\d{6}Z-1\\.heapprofile$`));
  assert.match(run.stdout, /Sites whose live sampled bytes grew at every one of the 4 profiles:\n.* hoard at /);
});

test('Ctrl-C while sampling stops it and keeps no file', async () => {
  const target = await startTarget(`require(${JSON.stringify(FIXTURE)})`);
  await target.waitForLine('ready');
  const file = join(dir, 'cancelled.heapprofile');
  const child = spawn(process.execPath, [CLI, 'sample', '--pid', String(target.pid), '--duration', '60', '--out', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await eventually(() => /sampling allocations of/.test(stderr), 30_000, 'sampling starts');
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 130, stderr);
  assert.equal(existsSync(file), false);
  assertLeftAsItWas(target);
  await target.kill();
});

for (const { args, message } of [
  { args: ['sample', '--pid', '1', '--duration', '0'], message: /--duration takes a positive number, not '0'/ },
  { args: ['sample', '--pid', '1', '--out', 'x.heapsnapshot'], message: /--out names a \.heapprofile file/ },
  { args: ['sample', '--duration', '3'], message: /give exactly one of --pid and --url/ },
]) {
  test(`usage error: heapscope ${args.join(' ')}`, async () => {
    const run = await runCli(args);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, message);
  });
}

function runCliIn(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
