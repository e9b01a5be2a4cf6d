import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { ClientMessage, MessagePortLike, RpcError, ServerMessage, TaskContext } from '../../src/protocol/rpc';
import { createRpcClient } from '../../src/protocol/rpcClient';
import { serveRpc } from '../../src/protocol/rpcServer';

interface DemoApi {
  add(p: { a: number; b: number }, ctx: TaskContext): Promise<number>;
  fail(p: { message: string }, ctx: TaskContext): Promise<never>;
  count(p: { to: number }, ctx: TaskContext): Promise<number>;
}

/** Two ends of an in-memory channel that delivers asynchronously, as real ports do. */
function channel<A, B>(): [MessagePortLike<A, B>, MessagePortLike<B, A>] {
  const left = new EventEmitter();
  const right = new EventEmitter();
  const end = <In, Out>(inbox: EventEmitter, outbox: EventEmitter): MessagePortLike<In, Out> => ({
    postMessage: (m) => setImmediate(() => outbox.emit('m', structuredClone(m))),
    onMessage: (l) => {
      inbox.on('m', l);
      return () => inbox.off('m', l);
    },
  });
  return [end<A, B>(left, right), end<B, A>(right, left)];
}

function setup() {
  const [clientEnd, serverEnd] = channel<ServerMessage, ClientMessage<DemoApi>>();
  const impl: DemoApi = {
    async add({ a, b }) {
      return a + b;
    },
    async fail({ message }) {
      throw Object.assign(new Error(message), { code: 'EDEMO' });
    },
    async count({ to }, ctx) {
      for (let i = 0; i < to; i++) {
        ctx.progress('counting', i + 1, to);
        await new Promise((r) => setTimeout(r, 5));
        await ctx.checkpoint();
      }
      return to;
    },
  };
  serveRpc<DemoApi>(impl, serverEnd);
  return createRpcClient<DemoApi>(clientEnd).remote;
}

test('a call returns the server result', async () => {
  assert.equal(await setup().add({ a: 2, b: 40 }), 42);
});

test('a server error becomes an RpcError with code, message and the caller stack', async () => {
  const remote = setup();
  await assert.rejects(
    () => remote.fail({ message: 'boom' }),
    (e: unknown) => e instanceof RpcError && e.code === 'EDEMO' && e.message === 'boom' && /rpc\.test/.test(e.stack ?? ''),
  );
});

test('progress events reach the caller, and cancel stops the call', async () => {
  const remote = setup();
  const seen: number[] = [];
  const controller = new AbortController();
  const p = remote.count({ to: 1000 }, {
    signal: controller.signal,
    onProgress: (e) => {
      seen.push(e.done);
      if (e.done >= 3) controller.abort();
    },
  });
  await assert.rejects(p, (e: unknown) => e instanceof RpcError && e.code === 'ECANCELLED');
  assert.ok(seen.length >= 1);
  assert.ok(seen[seen.length - 1] < 1000);
});
