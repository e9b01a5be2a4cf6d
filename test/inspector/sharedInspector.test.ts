import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { attach } from '../../src/inspector/inspector';
import { bundleCli, runCli } from '../cli/cliBundle';
import { IDLE_TARGET, assertLeftAsItWas, eventually, killAllTargets, portsListenedBy, startTarget } from './nodeTargets';
import { tempDir } from '../tempDir';

const { cli, dispose } = bundleCli();
const tmp = tempDir('shared');
const dir = tmp.dir;
const holders: ChildProcess[] = [];
after(async () => {
  for (const h of holders) h.kill('SIGKILL');
  await killAllTargets();
  dispose();
  tmp.remove();
});

/** What the target's own record says (read in the target, so not through the code under test). */
async function holderCount(session: Awaited<ReturnType<typeof attach>>): Promise<number> {
  const { result } = await session.connection.send('Runtime.evaluate', {
    expression: "(() => { const r = globalThis[Symbol.for('heapscope.inspector')]; return r ? Object.keys(r.holders).length : -1; })()",
    returnByValue: true,
  });
  return result.value as number;
}

test('two sessions on one switched-on inspector: the first to leave keeps it on, the last switches it off', async () => {
  const target = await startTarget(IDLE_TARGET);
  const first = await attach({ pid: target.pid });
  assert.equal(first.switchedOn, true);
  const port = first.endpoint!.port;
  const second = await attach({ pid: target.pid });
  assert.equal(second.switchedOn, false, 'found on');
  assert.equal(second.holdsSwitchOn, true, 'but switched on by Heapscope: it holds it too');
  assert.equal(await holderCount(second), 2);
  // The marker is invisible to the app's own code: not enumerable on globalThis.
  const { result } = await second.connection.send('Runtime.evaluate', {
    expression: "Object.getOwnPropertyDescriptor(globalThis, Symbol.for('heapscope.inspector')).enumerable",
    returnByValue: true,
  });
  assert.equal(result.value, false);

  assert.deepEqual(await first.detach(), { switchedOff: false, portClosed: true, keptOnFor: 1 });
  await new Promise((r) => setTimeout(r, 1000)); // past SWITCH_OFF_DELAY_MS, had it been sent
  assert.deepEqual(portsListenedBy(target.pid), [port], 'still on for the second session');
  assert.ok((await second.heapUsage()).usedSize > 0, 'the second session still works');
  assert.deepEqual(await second.detach(), { switchedOff: true, portClosed: true });
  assertLeftAsItWas(target);
  await target.kill();
});

test('a CLI capture in another process leaves on the inspector that a session here switched on', async () => {
  const target = await startTarget(IDLE_TARGET);
  const held = await attach({ pid: target.pid });
  const port = held.endpoint!.port;
  const run = await runCli(cli, ['capture', '--pid', String(target.pid), '--out', join(dir, 'a.heapsnapshot'), '--json'], { timeoutMs: 60_000 });
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { inspector: Record<string, unknown> };
  assert.deepEqual(out.inspector, { switchedOn: false, switchedOff: false, portClosed: true, keptOnFor: 1 });
  assert.deepEqual(portsListenedBy(target.pid), [port]);
  assert.ok((await held.heapUsage()).usedSize > 0);
  assert.deepEqual(await held.detach(), { switchedOff: true, portClosed: true });
  assertLeftAsItWas(target);
  await target.kill();
});

test('a holder whose process was killed does not keep the inspector on', async () => {
  const target = await startTarget(IDLE_TARGET);
  // A separate Heapscope process that switches the inspector on, then dies without detaching.
  const script =
    `const { attach } = require(${JSON.stringify(join(__dirname, '../../src/inspector/inspector.ts'))});` +
    `attach({ pid: ${target.pid} }).then((s) => { console.log('attached ' + s.endpoint.port); setInterval(() => {}, 1000); });`;
  const holder = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  holders.push(holder);
  const [line] = (await once(createInterface({ input: holder.stdout! }), 'line')) as [string];
  const port = Number(/^attached (\d+)$/.exec(line)?.[1]);
  assert.deepEqual(portsListenedBy(target.pid), [port]);
  const session = await attach({ pid: target.pid });
  assert.equal(session.holdsSwitchOn, true);
  assert.equal(await holderCount(session), 2);
  holder.kill('SIGKILL');
  await once(holder, 'exit');
  assert.deepEqual(await session.detach(), { switchedOff: true, portClosed: true });
  assertLeftAsItWas(target);
  await target.kill();
});

test('an inspector that was on before Heapscope came is never counted as ours', async () => {
  const target = await startTarget(IDLE_TARGET, ['--inspect=127.0.0.1:0']);
  const [port] = portsListenedBy(target.pid);
  const a = await attach({ pid: target.pid });
  const b = await attach({ pid: target.pid });
  assert.equal(a.holdsSwitchOn || b.holdsSwitchOn, false);
  assert.equal(await holderCount(a), -1);
  assert.deepEqual(await a.detach(), { switchedOff: false, portClosed: true });
  assert.deepEqual(await b.detach(), { switchedOff: false, portClosed: true });
  assert.deepEqual(portsListenedBy(target.pid), [port]);
  await target.kill();
});

test('a session that leaves and exits at once, while the target is busy, still switches the inspector off', async () => {
  // On SIGUSR2 the target blocks its main thread in native code for 3 s, as a snapshot does (a JS
  // loop or Atomics.wait would not do: V8 serves the inspector from interrupts there).
  const target = await startTarget(
    "process.on('SIGUSR2', () => { require('node:child_process').execFileSync('sleep', ['3']); console.log('unblocked'); }); setInterval(() => {}, 1000); console.log('ready');",
  );
  // A Heapscope process that detaches and exits 300 ms later, as a reloading window's extension host does.
  const script =
    `const { attach } = require(${JSON.stringify(join(__dirname, '../../src/inspector/inspector.ts'))});` +
    `attach({ pid: ${target.pid} }).then((s) => { console.log('attached ' + s.endpoint.port);` +
    ` process.stdin.once('data', () => { void s.detach(); setTimeout(() => process.exit(0), 300); }); });`;
  const holder = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  holders.push(holder);
  const [line] = (await once(createInterface({ input: holder.stdout! }), 'line')) as [string];
  const port = Number(/^attached (\d+)$/.exec(line)?.[1]);
  target.child.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 200));
  holder.stdin!.write('leave\n');
  await once(holder, 'exit');
  assert.deepEqual(portsListenedBy(target.pid), [port], 'still on: the target is busy');
  await target.waitForLine('unblocked', 10_000);
  await eventually(() => portsListenedBy(target.pid).length === 0, 5000, 'the inspector switched off after the target unblocked');
  assertLeftAsItWas(target);
  await target.kill();
});
