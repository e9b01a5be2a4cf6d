import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { CdpConnection, CdpError, isInspectorError, sessionFromConnection } from '../../src/inspector/inspector';
import { IDLE_TARGET, killAllTargets, portsListenedBy, startTarget } from './nodeTargets';

after(killAllTargets);

/** A target whose inspector is on from the start, and a fresh connection to it. */
async function connected() {
  const target = await startTarget(IDLE_TARGET, ['--inspect=127.0.0.1:0']);
  const [port] = portsListenedBy(target.pid);
  const [entry] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  return { target, connection: await CdpConnection.open(entry.webSocketDebuggerUrl) };
}

test('typed commands return typed results', async () => {
  const { target, connection } = await connected();
  const { result } = await connection.send('Runtime.evaluate', { expression: 'process.pid', returnByValue: true });
  assert.equal(result.value, target.pid);
  await connection.close();
  await target.kill();
});

test('an error answer names the CDP method and keeps the caller stack', async () => {
  const { target, connection } = await connected();
  async function callerWithAName() {
    await connection.send('Runtime.callFunctionOn', { objectId: 'no-such-object', functionDeclaration: 'function () {}' });
  }
  await assert.rejects(callerWithAName(), (e: unknown) => {
    assert.ok(e instanceof CdpError);
    assert.equal(e.code, 'ECDP');
    assert.equal(e.method, 'Runtime.callFunctionOn');
    assert.match(e.message, /^Runtime\.callFunctionOn: /);
    assert.match(e.stack ?? '', /callerWithAName/);
    return true;
  });
  await connection.close();
  await target.kill();
});

test('a command times out with ETIMEDOUT, naming the method', async () => {
  const { target, connection } = await connected();
  // Block the target's main thread in native code so the next command cannot be answered.
  await connection.send('Runtime.evaluate', { expression: "setTimeout(() => require('child_process').execSync('sleep 2'), 0), 0" }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 300));
  await assert.rejects(
    connection.send('Runtime.getHeapUsage', undefined, { timeoutMs: 300 }),
    (e: unknown) => e instanceof CdpError && e.code === 'ETIMEDOUT' && e.method === 'Runtime.getHeapUsage',
  );
  await connection.close();
  await target.kill();
});

test('pending commands fail with EEXITED when the target dies', async () => {
  const { target, connection } = await connected();
  const pending = connection.send('Runtime.evaluate', { expression: 'new Promise(() => {})', awaitPromise: true }, { timeoutMs: 0 });
  const rejected = assert.rejects(pending, (e: unknown) => e instanceof CdpError && e.code === 'EEXITED' && e.method === 'Runtime.evaluate');
  await target.kill();
  await rejected;
  assert.equal(connection.closed, true);
});

test('a connection that reaches another pid than expected is refused with EWRONGPID', async () => {
  const { target, connection } = await connected();
  await assert.rejects(
    sessionFromConnection(connection, target.pid + 1),
    (e: unknown) => isInspectorError(e, 'EWRONGPID') && e.message.includes(`belongs to pid ${target.pid}, not pid ${target.pid + 1}`),
  );
  const session = await sessionFromConnection(connection, target.pid);
  assert.equal(session.pid, target.pid);
  assert.deepEqual(await session.detach(), { switchedOff: false, portClosed: true });
  assert.equal(connection.closed, true);
  await target.kill();
});
