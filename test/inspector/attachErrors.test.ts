import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchOnTimeoutError, attach, isInspectorError } from '../../src/inspector/inspector';
import { IDLE_TARGET, Target, assertLeftAsItWas, isRunning, killAllTargets, pidsOnPort, portsListenedBy, startTarget } from './nodeTargets';

// Every failure a user can meet, each against real processes. After each test the target is
// still running (unless the test ended it) and listens on no port.

const dir = mkdtempSync(join(tmpdir(), 'heapscope-errors-'));
after(async () => {
  await killAllTargets();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs in the target: blocks its main thread in native code (not JS) for `seconds`. */
const BLOCKABLE_TARGET =
  "globalThis.block = (s) => { console.log('blocking'); require('child_process').execSync('sleep ' + s); console.log('unblocked'); };" +
  " setInterval(() => {}, 1000); console.log('ready');";

test('no such pid', async () => {
  const gone = spawnSync('true');
  await assert.rejects(attach({ pid: gone.pid! }), (e: unknown) => isInspectorError(e, 'ENOPROC') && e.message === `no process with pid ${gone.pid}`);
});

test('not a Node process: refused without signalling it (SIGUSR1 would kill it)', async () => {
  const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
  try {
    await assert.rejects(
      attach({ pid: sleeper.pid! }),
      (e: unknown) => isInspectorError(e, 'ENOTNODE') && /pid \d+ \(sleep\) is not a Node\.js process/.test(e.message),
    );
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(sleeper.exitCode, null);
    assert.equal(sleeper.signalCode, null);
    assert.ok(isRunning(sleeper.pid!));
  } finally {
    sleeper.kill('SIGKILL');
  }
});

// The one test that uses 9229: a target without --inspect-port would open its inspector there.
test('port 9229 busy: the error names the pid holding it, and the target is not signalled', async () => {
  let holder: Target | undefined;
  let holderPid: number;
  const already = pidsOnPort(9229);
  if (already.length > 0) {
    // Something (maybe a real inspector) already holds 9229: it is the holder we must name.
    holderPid = already[0];
  } else {
    holder = await startTarget("require('net').createServer().listen(9229, '127.0.0.1', () => console.log('ready'));", []);
    holderPid = holder.pid;
  }
  const target = await startTarget(IDLE_TARGET, []);
  await assert.rejects(
    attach({ pid: target.pid }),
    (e: unknown) =>
      isInspectorError(e, 'EPORTBUSY') && e.message.includes(`port 9229 is held by pid ${holderPid}`) && e.message.includes(`pid ${target.pid}`),
  );
  assertLeftAsItWas(target);
  await target.kill();
  await holder?.kill();
});

test('the target exits mid-capture: clear error, partial file removed', async () => {
  const target = await startTarget(
    "globalThis.keep = Array.from({ length: 120000 }, (_, i) => ({ i, s: 'x' + i })); setInterval(() => {}, 1000); console.log('ready');",
  );
  const session = await attach({ pid: target.pid });
  let killed = false;
  await assert.rejects(
    session.capture({
      file: join(dir, 'exits.heapsnapshot'),
      onProgress: () => {
        if (!killed) {
          killed = true;
          target.child.kill('SIGKILL');
        }
      },
    }),
    (e: unknown) => isInspectorError(e, 'EEXITED') && new RegExp(`pid ${target.pid} exited during the capture.*partial file was removed`).test(e.message),
  );
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('exits')), []);
  await target.kill();
});

test('the target is blocked when asked to switch on: timeout, then its late inspector is switched off', async () => {
  const target = await startTarget(BLOCKABLE_TARGET);
  const blocked = target.waitForLine('blocking');
  await attach({ pid: target.pid }, { timeoutMs: 300 }).then((s) => s.detach()); // healthy: attach works
  assertLeftAsItWas(target);
  const trigger = await attach({ pid: target.pid });
  await trigger.connection.send('Runtime.evaluate', { expression: 'setTimeout(() => block(3), 300), 0' });
  await trigger.detach();
  await blocked;
  let error: unknown;
  await attach({ pid: target.pid }, { timeoutMs: 800, lingerMs: 15_000 }).catch((e: unknown) => (error = e));
  assert.ok(error instanceof SwitchOnTimeoutError, String(error));
  assert.equal(error.code, 'ETIMEDOUT');
  assert.match(error.message, new RegExp(`pid ${target.pid} did not open its inspector within 800 ms: its main thread seems blocked`));
  await error.cleanup;
  assert.ok(target.lines.includes('unblocked'), 'the cleanup waited for the target to unblock');
  assertLeftAsItWas(target);
  await target.kill();
});

test('the target blocks mid-capture: a stall timeout, and the inspector is still switched off', async () => {
  const target = await startTarget(BLOCKABLE_TARGET);
  const session = await attach({ pid: target.pid });
  await session.connection.send('Runtime.evaluate', { expression: 'setTimeout(() => block(2), 0), 0' });
  await target.waitForLine('blocking');
  await assert.rejects(
    session.capture({ file: join(dir, 'stalled.heapsnapshot'), stallTimeoutMs: 700 }),
    (e: unknown) => isInspectorError(e, 'ETIMEDOUT') && /sent nothing for 1 s during the capture: its main thread seems blocked/.test(e.message),
  );
  assert.equal(session.detached, true);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('stalled')), []);
  assert.ok(target.lines.includes('unblocked'));
  assertLeftAsItWas(target);
  await target.kill();
});

test('a busy JS loop does not stop a capture: V8 serves the inspector between JS instructions', async () => {
  const target = await startTarget(
    "globalThis.spin = () => { console.log('spinning'); const end = Date.now() + 2500; while (Date.now() < end); console.log('done'); };" +
      " setInterval(() => {}, 1000); console.log('ready');",
  );
  const session = await attach({ pid: target.pid });
  try {
    await session.connection.send('Runtime.evaluate', { expression: 'setTimeout(spin, 0), 0' });
    await target.waitForLine('spinning');
    const result = await session.capture({ file: join(dir, 'spinning.heapsnapshot') });
    assert.ok(result.bytes > 0);
    assert.ok(!target.lines.includes('done'), 'captured while the loop was still running');
  } finally {
    await session.detach();
  }
  assert.ok(target.lines.includes('done'));
  assertLeftAsItWas(target);
  await target.kill();
});
