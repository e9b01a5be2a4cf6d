import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientMessage, RpcError, ServerMessage, TaskContext } from '../../src/protocol/rpc';
import { createWorkerClient } from '../../src/protocol/workerClient';

interface EchoApi {
  echo(p: { text: string }, ctx: TaskContext): Promise<string>;
}

/** A worker that answers nothing until told to, and records what reached it. */
function silentWorker() {
  const sent: ClientMessage<EchoApi>[] = [];
  let deliver: (message: ServerMessage) => void = () => {};
  const client = createWorkerClient<EchoApi>((message) => sent.push(message), (listener) => {
    deliver = listener;
    return () => { deliver = () => {}; };
  });
  return { client, sent, answer: (message: ServerMessage) => deliver(message) };
}

async function failure(call: Promise<unknown>): Promise<RpcError> {
  const error = await call.then(() => null, (e: unknown) => e);
  assert.ok(error instanceof RpcError, `a call fails with an RpcError, got ${String(error)}`);
  return error;
}

test('worker client: a call in flight when the worker dies fails with the death, code EWORKER', { timeout: 5000 }, async () => {
  const { client, sent } = silentWorker();
  const call = client.remote.echo({ text: 'a' });
  assert.equal(sent.length, 1);
  client.die(new Error('worker exited with code 7'));
  const error = await failure(call);
  assert.equal(error.message, 'worker exited with code 7');
  assert.equal(error.code, 'EWORKER');
});

test('worker client: a call after the death fails with it, and nothing is sent', { timeout: 5000 }, async () => {
  const { client, sent } = silentWorker();
  client.die(new Error('worker was killed (SIGKILL)'));
  const error = await failure(client.remote.echo({ text: 'b' }));
  assert.equal(error.message, 'worker was killed (SIGKILL)');
  assert.equal(sent.length, 0);
});

test('worker client: the first reason wins (an exit after an error, a dispose after an exit)', { timeout: 5000 }, async () => {
  const { client } = silentWorker();
  client.die(new Error('worker failed: out of memory'));
  client.die(new Error('worker exited with code 1'));
  client.die(new Error('worker disposed'));
  assert.equal((await failure(client.remote.echo({ text: 'c' }))).message, 'worker failed: out of memory');
});

test('worker client: answers still arrive while the worker lives', { timeout: 5000 }, async () => {
  const { client, sent, answer } = silentWorker();
  const call = client.remote.echo({ text: 'd' });
  const request = sent[0];
  assert.equal(request.kind, 'request');
  answer({ kind: 'response', id: request.id, result: { ok: 'd' } });
  assert.equal(await call, 'd');
});
