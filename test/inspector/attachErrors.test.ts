import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SwitchOnTimeoutError, attach, isInspectorError } from '../../src/inspector/inspector';
import { IDLE_TARGET, Target, assertLeftAsItWas, eventually, isRunning, killAllTargets, pidsOnPort, portsListenedBy, startTarget } from './nodeTargets';
import { tempDir } from '../tempDir';

// Every failure a user can meet, each against real processes. After each test the target is
// still running (unless the test ended it) and listens on no port.

const tmp = tempDir('errors');
const dir = tmp.dir;
after(async () => {
  await killAllTargets();
  tmp.remove();
});

/**
 * A target that, on SIGUSR2, blocks its main thread in a read() of a FIFO (a synchronous syscall:
 * no JS runs, no inspector message is served) until the test writes to the FIFO. The test decides
 * when the block ends, so no assertion depends on timing.
 */
async function startBlockableTarget(): Promise<{ target: Target; block(): Promise<void>; unblock(): void }> {
  const fifo = join(dir, `fifo-${Math.random().toString(36).slice(2)}`);
  execFileSync('mkfifo', [fifo]);
  const target = await startTarget(
    `process.on('SIGUSR2', () => { const fs = require('fs'); console.log('blocking'); const fd = fs.openSync(${JSON.stringify(fifo)}, 'r');` +
      " fs.readSync(fd, Buffer.alloc(1)); fs.closeSync(fd); console.log('unblocked'); });" +
      " setInterval(() => {}, 1000); console.log('ready');",
  );
  return {
    target,
    async block() {
      process.kill(target.pid, 'SIGUSR2');
      await target.waitForLine('blocking');
    },
    // Opening the FIFO for writing releases the target's open(); the byte releases its read().
    unblock: () => writeFileSync(fifo, 'x'),
  };
}

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
  // Other people's processes on this machine may come and go on 9229. If one holds it, it is the
  // holder to name; if it lets go between our look and our attach, try again.
  const target = await startTarget(IDLE_TARGET, []);
  let checked = false;
  for (let attempt = 0; attempt < 5 && !checked; attempt++) {
    let holder: Target | undefined;
    let holderPid = pidsOnPort(9229)[0];
    if (holderPid === undefined) {
      holder = await startTarget("require('net').createServer().listen(9229, '127.0.0.1', () => console.log('ready'));", []).catch(() => undefined);
      if (!holder) continue; // someone took 9229 in between
      holderPid = holder.pid;
    }
    try {
      const session = await attach({ pid: target.pid });
      await session.detach(); // the foreign holder let go of 9229: not the case under test
    } catch (e) {
      assert.ok(isInspectorError(e, 'EPORTBUSY'), String(e));
      if (holder || pidsOnPort(9229).includes(holderPid)) {
        assert.ok(e.message.includes(`port 9229 is held by pid ${holderPid}`) && e.message.includes(`pid ${target.pid}`), e.message);
        checked = true;
      }
    } finally {
      await holder?.kill();
    }
    assertLeftAsItWas(target);
  }
  assert.ok(checked, 'port 9229 kept changing hands; the case could not be set up');
  await target.kill();
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
  const { target, block, unblock } = await startBlockableTarget();
  await block();
  let error: unknown;
  await attach({ pid: target.pid }, { timeoutMs: 800, lingerMs: 20_000 }).catch((e: unknown) => (error = e));
  assert.ok(error instanceof SwitchOnTimeoutError, String(error));
  assert.equal(error.code, 'ETIMEDOUT');
  assert.match(error.message, new RegExp(`pid ${target.pid} did not open its inspector within 800 ms: its main thread seems blocked`));
  assert.deepEqual(portsListenedBy(target.pid), [], 'still blocked, so the inspector is not open yet');
  unblock();
  // Once unblocked the target opens the inspector we asked for; the cleanup switches it off.
  await error.cleanup;
  assert.ok(target.lines.includes('unblocked'));
  assertLeftAsItWas(target);
  await target.kill();
});

test('the target blocks mid-capture: a stall timeout, and the inspector is still switched off', async () => {
  const { target, block, unblock } = await startBlockableTarget();
  const session = await attach({ pid: target.pid });
  await block();
  const capture = session.capture({ file: join(dir, 'stalled.heapsnapshot'), stallTimeoutMs: 700 });
  // The capture gives up and starts detaching; only then does the target come back.
  let outcome: unknown = 'pending';
  capture.then(
    (r) => (outcome = r),
    (e: unknown) => (outcome = e),
  );
  await eventually(() => session.detached || outcome !== 'pending', 30_000, 'the stalled capture detaches');
  assert.equal(outcome, 'pending', 'the capture detaches before it settles: it waits for the port to close');
  unblock();
  await capture.catch(() => undefined);
  assert.ok(
    isInspectorError(outcome, 'ETIMEDOUT') && /sent nothing for 1 s during the capture: its main thread seems blocked/.test(outcome.message),
    `expected a stall timeout, got ${String(outcome)}`,
  );
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('stalled')), []);
  assert.ok(target.lines.includes('unblocked'));
  assertLeftAsItWas(target);
  await target.kill();
});

test('a busy JS loop does not stop a capture: V8 serves the inspector between JS instructions', async () => {
  const stopFile = join(dir, `stop-spinning-${Math.random().toString(36).slice(2)}`);
  const target = await startTarget(
    `globalThis.spin = () => { console.log('spinning'); const end = Date.now() + 60000; while (Date.now() < end && !require('fs').existsSync(${JSON.stringify(stopFile)})); console.log('done'); };` +
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
    writeFileSync(stopFile, '');
    await session.detach();
  }
  await target.waitForLine('done');
  assertLeftAsItWas(target);
  await target.kill();
});
