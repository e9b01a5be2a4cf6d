import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { ClientMessage, MessagePortLike, Remote, RpcError, ServerMessage } from '../../src/protocol/rpc';
import { createRpcClient } from '../../src/protocol/rpcClient';
import { serveRpc } from '../../src/protocol/rpcServer';
import { ClassDelta, EngineApi, SnapshotInfo } from '../../src/protocol/engineApi';
import { SourceLocation } from '../../src/protocol/finding';
import { asClientMessage } from '../../src/views/clientMessage';
import { MAX_PAGE, PanelBackend } from '../../src/views/panelBackend';
import { WebviewApi } from '../../src/protocol/webviewApi';
import { tablePage } from '../../src/engine/analysis/tablePage';

function info(handle: string): SnapshotInfo {
  return { handle, file: `/tmp/${handle}.heapsnapshot`, fileSize: 1, nodeCount: 1, edgeCount: 0, totalSize: 1, loadMs: 1 };
}

const deltas: ClassDelta[] = [
  { name: 'Buffer', newCount: 10, deletedCount: 1, countDelta: 9, newSize: 900, deletedSize: 90, sizeDelta: 810 },
  { name: 'Array', newCount: 5, deletedCount: 5, countDelta: 0, newSize: 500, deletedSize: 500, sizeDelta: 0 },
  { name: 'BufferList', newCount: 1, deletedCount: 0, countDelta: 1, newSize: 4000, deletedSize: 0, sizeDelta: 4000 },
];

/** A fake engine recording what the backend asks for; only the methods a panel uses. */
function fakeEngine() {
  const calls: { method: string; params: unknown }[] = [];
  const engine = {
    async classPage(params: Parameters<Remote<EngineApi>['classPage']>[0]) {
      calls.push({ method: 'classPage', params });
      return { total: 100_000, offset: params.offset, rows: [] };
    },
    async instancePage(params: Parameters<Remote<EngineApi>['instancePage']>[0]) {
      calls.push({ method: 'instancePage', params });
      return { total: 0, offset: 0, rows: [] };
    },
    async retainers(params: Parameters<Remote<EngineApi>['retainers']>[0]) {
      calls.push({ method: 'retainers', params });
      return { total: 0, offset: 0, rows: [] };
    },
    async diff(params: Parameters<Remote<EngineApi>['diff']>[0]) {
      calls.push({ method: 'diff', params });
      return { classes: deltas, retainedFromMiddle: null };
    },
    // The engine's own pager over the diff's rows, as the engine serves them.
    async comparisonPage(params: Parameters<Remote<EngineApi>['comparisonPage']>[0]) {
      calls.push({ method: 'comparisonPage', params });
      return tablePage(deltas, params, 'sizeDelta');
    },
  };
  return { engine: engine as unknown as Remote<EngineApi>, calls };
}

/** The real boundary: webview-side RPC client → message filter → RPC server over the backend. */
function connect(backend: PanelBackend) {
  const toHost = new EventEmitter();
  const toPage = new EventEmitter();
  const hostPort: MessagePortLike<ClientMessage<WebviewApi>, ServerMessage> = {
    postMessage: (m) => setImmediate(() => toPage.emit('m', structuredClone(m))),
    onMessage: (l) => {
      const h = (raw: unknown) => {
        const m = asClientMessage(raw);
        if (m) l(m);
      };
      toHost.on('m', h);
      return () => toHost.off('m', h);
    },
  };
  const pagePort: MessagePortLike<ServerMessage, ClientMessage<WebviewApi>> = {
    postMessage: (m) => setImmediate(() => toHost.emit('m', structuredClone(m))),
    onMessage: (l) => {
      toPage.on('m', l);
      return () => toPage.off('m', l);
    },
  };
  serveRpc<WebviewApi>(backend, hostPort);
  return { remote: createRpcClient<WebviewApi>(pagePort).remote, rawToHost: (m: unknown) => toHost.emit('m', m) };
}

test('content is a long poll: immediate when newer, else waits for the next setContent', async () => {
  const { engine } = fakeEngine();
  const backend = new PanelBackend(engine, { kind: 'loading', title: 't', message: 'Loading…' }, async () => undefined);
  const { remote } = connect(backend);
  const first = await remote.content({ after: 0 });
  assert.equal(first.version, 1);
  assert.equal(first.content.kind, 'loading');
  const next = remote.content({ after: first.version });
  let settled = false;
  void next.then(() => (settled = true));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(settled, false, 'waits while nothing changed');
  backend.setContent({ kind: 'summary', title: 't', snapshot: info('h1') });
  const second = await next;
  assert.equal(second.version, 2);
  assert.equal(second.content.kind, 'summary');
});

test('a waiting content call is cancelled by the page', async () => {
  const { engine } = fakeEngine();
  const backend = new PanelBackend(engine, { kind: 'loading', title: 't', message: '' }, async () => undefined);
  const { remote } = connect(backend);
  const controller = new AbortController();
  const waiting = remote.content({ after: 1 }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 10);
  await assert.rejects(waiting, (e: unknown) => e instanceof RpcError && e.code === 'ECANCELLED');
});

test('table slices go to the engine with the panel snapshot handle, capped at MAX_PAGE rows', async () => {
  const { engine, calls } = fakeEngine();
  const backend = new PanelBackend(engine, { kind: 'summary', title: 't', snapshot: info('snap-7') }, async () => undefined);
  const { remote } = connect(backend);
  await remote.classPage({ offset: 200, limit: 1_000_000, sortBy: 'retainedSize', descending: true, filter: 'Buf' });
  await remote.instancePage({ className: 'Buffer', offset: 0, limit: 50 });
  await remote.retainers({ nodeId: 42, offset: 0, limit: 20 });
  assert.deepEqual(calls.map((c) => c.method), ['classPage', 'instancePage', 'retainers']);
  assert.deepEqual(calls[0].params, { handle: 'snap-7', offset: 200, limit: MAX_PAGE, sortBy: 'retainedSize', descending: true, filter: 'Buf' });
  assert.equal((calls[1].params as { handle: string }).handle, 'snap-7');
  assert.deepEqual(calls[2].params, { handle: 'snap-7', nodeId: 42, offset: 0, limit: 20 });
});

test('comparison pages: sorted, filtered and sliced in the engine for A → B, instances from B', async () => {
  const { engine, calls } = fakeEngine();
  const backend = new PanelBackend(engine, { kind: 'comparison', title: 'A → B', before: info('A'), after: info('B') }, async () => undefined);
  const { remote } = connect(backend);
  const bySize = await remote.comparisonPage({ offset: 0, limit: 2, sortBy: 'sizeDelta', descending: true, filter: '' });
  assert.deepEqual(bySize.rows.map((r) => r.name), ['BufferList', 'Buffer']);
  assert.equal(bySize.total, 3);
  const filtered = await remote.comparisonPage({ offset: 0, limit: 10, sortBy: 'name', descending: false, filter: 'buffer' });
  assert.deepEqual(filtered.rows.map((r) => r.name), ['Buffer', 'BufferList']);
  const second = await remote.comparisonPage({ offset: 1, limit: 10, sortBy: 'countDelta', descending: false, filter: '' });
  assert.deepEqual(second.rows.map((r) => r.name), ['BufferList', 'Buffer']);
  assert.equal(calls.filter((c) => c.method === 'diff').length, 0, 'the host computes no diff of its own');
  assert.deepEqual(calls.map((c) => (c.params as { handles: string[] }).handles), [['A', 'B'], ['A', 'B'], ['A', 'B']]);
  assert.deepEqual(calls[1].params, { handles: ['A', 'B'], offset: 0, limit: 10, sortBy: 'name', descending: false, filter: 'buffer' });
  await remote.instancePage({ className: 'Buffer', offset: 0, limit: 5 });
  assert.equal((calls[3].params as { handle: string }).handle, 'B');
});

test('a panel without a snapshot answers table calls with an error, not a crash', async () => {
  const { engine } = fakeEngine();
  const backend = new PanelBackend(engine, { kind: 'error', title: 't', message: 'truncated file' }, async () => undefined);
  const { remote } = connect(backend);
  await assert.rejects(remote.classPage({ offset: 0, limit: 10, sortBy: 'name', descending: false, filter: '' }), /no snapshot is loaded/);
  await assert.rejects(remote.comparisonPage({ offset: 0, limit: 10, sortBy: 'name', descending: false, filter: '' }), /no comparison/);
});

test('openSource passes a valid location to the editor and refuses a bad line', async () => {
  const opened: SourceLocation[] = [];
  const { engine } = fakeEngine();
  const backend = new PanelBackend(engine, { kind: 'loading', title: 't', message: '' }, async (l) => {
    opened.push(l);
  });
  const { remote } = connect(backend);
  await remote.openSource({ url: 'file:///app/server.js', line: 27, column: 22 });
  assert.deepEqual(opened, [{ url: 'file:///app/server.js', line: 27, column: 22 }]);
  await assert.rejects(remote.openSource({ url: 'file:///app/server.js', line: 0, column: 1 }), /bad line/);
});

test('the host drops messages that are not WebviewApi requests', async () => {
  const { engine } = fakeEngine();
  const backend = new PanelBackend(engine, { kind: 'loading', title: 'before', message: '' }, async () => undefined);
  const { rawToHost, remote } = connect(backend);
  // A page trying to reach a backend method outside the boundary, or the prototype.
  rawToHost({ kind: 'request', id: 1, method: 'setContent', params: { kind: 'error', title: 'x', message: 'x' } });
  rawToHost({ kind: 'request', id: 2, method: 'constructor', params: {} });
  rawToHost({ kind: 'request', id: 3, method: '__proto__', params: {} });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(backend.shown.title, 'before');
  const cases: [unknown, boolean][] = [
    [null, false],
    ['request', false],
    [{ kind: 'request', id: 1, method: 'classPage' }, false],
    [{ kind: 'request', id: 1.5, method: 'classPage', params: {} }, false],
    [{ kind: 'request', id: 1, method: 'toString', params: {} }, false],
    [{ kind: 'request', id: 1, method: 'classPage', params: {} }, true],
    [{ kind: 'cancel', id: 4 }, true],
    [{ kind: 'response', id: 4, result: { ok: 1 } }, false],
  ];
  for (const [raw, accepted] of cases) assert.equal(asClientMessage(raw) !== null, accepted, JSON.stringify(raw));
  assert.equal((await remote.content({ after: 0 })).content.title, 'before');
});
