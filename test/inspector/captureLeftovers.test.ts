/**
 * A capturing process that dies mid-capture (SIGKILL, as a reloaded window's extension host or a
 * killed CLI does) cannot remove its work files; the next Heapscope that writes into the folder
 * does, and only those of owners that are gone. Real CLI processes capture real targets.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sweepCaptureLeftovers } from '../../src/inspector/inspector';
import { bundleCli, runCli } from '../cli/cliBundle';
import { assertLeftAsItWas, eventually, killAllTargets, portsListenedBy, startTarget } from './nodeTargets';
import { tempDir } from '../tempDir';

const { cli, dispose } = bundleCli();
const tmp = tempDir('leftovers');
const root = tmp.dir;
const children: ChildProcess[] = [];
after(async () => {
  for (const c of children) c.kill('SIGKILL');
  await killAllTargets();
  dispose();
  tmp.remove();
});

/** Enough small objects that V8 takes a while to write them, so the capture can be cut off. */
const bigTarget = (objects: number) => `globalThis.keep = Array.from({ length: ${objects} }, (_, i) => ({ i })); setInterval(() => {}, 1000); console.log('ready');`;

/** Starts `heapscope capture` and SIGKILLs it once the snapshot is being written (`writing` names the work entry). */
async function killMidCapture(dir: string, args: string[], writing: (entries: string[]) => string | undefined): Promise<string> {
  const child = spawn(process.execPath, [cli, 'capture', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let found: string | undefined;
  await eventually(() => {
    if (child.exitCode !== null) throw new Error(`the capture ended before it was cut off: ${stderr}`);
    found = writing(readdirSync(dir));
    return found !== undefined;
  }, 60_000, `a work file in ${dir}`);
  child.kill('SIGKILL');
  await once(child, 'exit');
  assert.match(found!, new RegExp(`-${child.pid}-`), 'the work file names its owner pid');
  return found!;
}

test('a CLI killed while V8 streams the snapshot leaves a .part file; the sweep removes it', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(root, 'stream-'));
  const target = await startTarget(bigTarget(500_000));
  const part = await killMidCapture(dir, ['--pid', String(target.pid), '--method', 'cdp-stream', '--out', join(dir, 'a.heapsnapshot')], (entries) =>
    entries.find((f) => f.endsWith('.part') && statSync(join(dir, f)).size > 0));
  assert.deepEqual(readdirSync(dir), [part], 'the killed capture left its partial file');
  // Someone else's files: another machine's (or pid namespace's) work file, and a user's own.
  const foreign = 'a.heapsnapshot.0badc0de-1-00000000.part';
  writeFileSync(join(dir, foreign), '');
  writeFileSync(join(dir, 'notes.part'), '');
  assert.deepEqual(await sweepCaptureLeftovers(dir), [part]);
  assert.deepEqual(readdirSync(dir).sort(), [foreign, 'notes.part'].sort());
  // Not asserted here: whether the target survives. A capturing process killed hard closes the
  // connection while V8 is still sending, and nothing of Heapscope's can wait for the end then;
  // a Node 20 target sometimes crashes on it (SIGSEGV in Node's inspector I/O thread writing to
  // the closed socket, fixed upstream in Node 24.19 and 26.5: nodejs/node#64209): 4 of 10 runs
  // here, 0 of 10 on each of 22, 24, 26. Heapscope's own closes wait for the end of the stream
  // (test/cli/captureInterrupt.test.ts). This is also why captures on this machine have the
  // target write the file itself (the next test, where the target always survives).
  await target.kill();
});

test('the target\'s own work folder of a killed CLI is removed by the next capture into that folder, which succeeds; the target switched the inspector off meanwhile', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(root, 'target-file-'));
  const target = await startTarget(bigTarget(300_000));
  const work = await killMidCapture(dir, ['--pid', String(target.pid), '--out', join(dir, 'a.heapsnapshot')], (entries) =>
    entries.find((f) => f.startsWith('.heapscope-') && existsSync(join(dir, f, 'snapshot.heapsnapshot'))));
  // The target goes on writing into the work folder; it answers again once that is done.
  const written = join(dir, work, 'snapshot.heapsnapshot');
  let size = -1;
  let changed = Date.now();
  await eventually(() => {
    const now = existsSync(written) ? statSync(written).size : 0;
    if (now !== size) [size, changed] = [now, Date.now()];
    return size > 0 && Date.now() - changed > 2000;
  }, 90_000, 'the target finishing the snapshot it was asked for');
  // The killed CLI could not switch the inspector off; the target's watchdog does, once the
  // snapshot is written and it sees its only holder gone, with nobody attaching again.
  await eventually(() => portsListenedBy(target.pid).length === 0, 15_000, 'the target switching off the inspector of its dead holder');
  const run = await runCli(cli, ['capture', '--pid', String(target.pid), '--out', join(dir, 'b.heapsnapshot'), '--json'], { timeoutMs: 120_000 });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(readdirSync(dir), ['b.heapsnapshot'], `${work} was removed, and only the whole snapshot is left`);
  assert.deepEqual((JSON.parse(run.stdout) as { inspector: unknown }).inspector, { switchedOn: true, switchedOff: true, portClosed: true });
  assertLeftAsItWas(target);
  await target.kill();
});

test('a live owner\'s work file stays; once the owner is gone it is removed', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(root, 'live-'));
  // Another Heapscope process names a work file the way a capture does, and stays alive.
  const script =
    `const { partialFilePath } = require(${JSON.stringify(join(__dirname, '../../src/inspector/captureLeftovers.ts'))});` +
    `console.log(partialFilePath(${JSON.stringify(join(dir, 'c.heapsnapshot'))})); setInterval(() => {}, 1000);`;
  const owner = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(owner);
  const [file] = (await once(createInterface({ input: owner.stdout! }), 'line')) as [string];
  writeFileSync(file, '{"snapshot":');
  assert.deepEqual(await sweepCaptureLeftovers(dir), [], 'the owner still runs');
  owner.kill('SIGKILL');
  await once(owner, 'exit');
  assert.equal((await sweepCaptureLeftovers(dir)).length, 1);
  assert.deepEqual(readdirSync(dir), []);
});
