import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CdpConnection } from '../../src/inspector/inspector';
import { describeError } from '../../src/views/describeError';
import { EngineError } from '../../src/engine/engine';
import { IDLE_TARGET, killAllTargets, portsListenedBy, startTarget } from '../inspector/nodeTargets';

after(killAllTargets);

test('a real CDP error answer is logged with its code and the CDP method that failed', async () => {
  const target = await startTarget(IDLE_TARGET, ['--inspect=127.0.0.1:0']);
  const [port] = portsListenedBy(target.pid);
  const [entry] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const connection = await CdpConnection.open(entry.webSocketDebuggerUrl);
  const error = await connection.send('Runtime.callFunctionOn', { objectId: 'no-such-object', functionDeclaration: 'function () {}' }).then(() => null, (e: unknown) => e);
  await connection.close();
  await target.kill();
  assert.match(describeError(error), /^ECDP, CDP method Runtime\.callFunctionOn: Runtime\.callFunctionOn: /);
});

test('other errors by their code, or their name, and message', () => {
  assert.equal(describeError(new EngineError('s9: no node with id 7', 'ENODE')), 'ENODE: s9: no node with id 7');
  assert.equal(describeError(new TypeError('x is not a function')), 'TypeError: x is not a function');
  assert.equal(describeError('plain'), 'plain');
});
