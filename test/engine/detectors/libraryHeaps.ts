import { HeapShapes } from './heapShapes';

/**
 * Heap shapes of leaks through npm libraries and Node's own connection classes, laid out as
 * Node 20 writes them (read from snapshots of the programs in test/realworld/programs/): stable
 * containers keep their ids, so growing sizes give a series of one process.
 */

/** An object whose prototype has a method `method` (what a library class looks like in the heap). */
function instance(h: HeapShapes, name: string, methods: string[], selfSize = 120): number {
  const o = h.b.node('object', name, selfSize);
  const proto = h.b.node('object', name, 40);
  h.b.edge(o, proto, 'property', '__proto__');
  for (const m of methods) h.b.edge(proto, h.b.node('closure', m, 32), 'property', m);
  return o;
}

/** A Set held by `app.<name>`, with `add`. */
function set(h: HeapShapes, name: string, id: number): (value: number) => void {
  const s = h.b.node('object', 'Set', 32, { id });
  const table = h.b.node('array', '', 64, { id: id + 2 });
  h.b.edge(h.app, s, 'property', name).edge(s, table, 'internal', 'table');
  let entries = 0;
  return (value: number) => void h.b.edge(table, value, 'internal', String(3 + entries++ * 2));
}

/** A net.Socket: `<symbol kHandle>` → TCP when open, null when closed; `connecting` false. */
function socket(h: HeapShapes, open: boolean): number {
  const s = h.b.node('object', 'Socket', 264);
  h.b.edge(s, h.value('false'), 'property', 'connecting');
  h.b.edge(s, open ? h.b.node('object', 'TCP', 56) : h.value('null'), 'property', '<symbol kHandle>');
  h.b.edge(s, h.blob(2048, 'Array'), 'property', '_pendingData');
  return s;
}

/** `ws` connections in Set `chatClients`, each WebSocket holding its socket in `_socket`. */
export function wsClients(count: number, open: boolean): HeapShapes {
  const h = new HeapShapes();
  const add = set(h, 'chatClients', 1_000_001);
  for (let i = 0; i < count; i++) {
    const ws = h.b.node('object', 'WebSocket', 256);
    h.b.edge(ws, socket(h, open), 'property', '_socket');
    add(ws);
  }
  return h;
}

/** socket.io sockets in Map `presence`: Socket → client → conn, engine.io's `_readyState` a string. */
export function socketIoClients(count: number, state: string): HeapShapes {
  const h = new HeapShapes();
  const presence = h.map('presence', 1_000_001);
  for (let i = 0; i < count; i++) {
    const sock = h.b.node('object', 'Socket', 200);
    const client = h.b.node('object', 'Client', 80);
    const conn = h.b.node('object', 'Socket', 200);
    h.b.edge(sock, h.b.node('object', 'Object', 40), 'property', 'handshake').edge(sock, h.b.node('object', 'Namespace', 40), 'property', 'nsp');
    h.b.edge(sock, client, 'property', 'client').edge(client, conn, 'property', 'conn');
    h.b.edge(conn, h.b.node('string', state, 24), 'property', '_readyState').edge(conn, h.blob(1024, 'Array'), 'property', 'writeBuffer');
    presence.set(sock);
  }
  return h;
}

/** An AbortSignal (Node 20 names instances `EventTarget`) with `count` 'abort' Listeners linked by `next`. */
export function abortListeners(count: number): HeapShapes {
  const h = new HeapShapes();
  const controller = h.b.node('object', 'AbortController', 24, { id: 1_000_001 });
  const signal = h.b.node('object', 'EventTarget', 40, { id: 1_000_003 });
  const events = h.b.node('object', 'Map', 32, { id: 1_000_005 });
  const table = h.b.node('array', '', 64, { id: 1_000_007 });
  const head = h.b.node('object', 'Object', 32, { id: 1_000_009 });
  h.b.edge(h.app, controller, 'property', 'shutdown').edge(controller, signal, 'property', '#signal');
  h.b.edge(signal, h.b.node('object', 'AbortSignal', 40), 'property', '__proto__');
  h.b.edge(signal, events, 'property', '<symbol kEvents>').edge(events, table, 'internal', 'table');
  h.b.edge(table, h.b.node('string', 'abort', 24), 'internal', '5').edge(table, head, 'internal', '6');
  const shared = h.sharedInfo('cancelReport', 1_000_101);
  let previous = head;
  for (let i = 0; i < count; i++) {
    const listener = h.b.node('object', 'Listener', 56);
    const fn = h.closure('cancelReport', shared, { job: h.blob(512) }).closure;
    h.b.edge(previous, listener, 'property', 'next').edge(listener, previous, 'property', 'previous');
    h.b.edge(listener, fn, 'property', 'listener').edge(listener, fn, 'property', 'callback');
    previous = listener;
  }
  h.b.edge(previous, h.value('undefined'), 'property', 'next');
  return h;
}

/** An axios instance's request InterceptorManager with `count` interceptors and `ejected` null slots. */
export function interceptors(count: number, ejected: number): HeapShapes {
  const h = new HeapShapes();
  const api = h.b.node('object', 'Axios', 40, { id: 1_000_001 });
  const all = h.b.node('object', 'Object', 24, { id: 1_000_003 });
  const manager = h.b.node('object', 'InterceptorManager', 24, { id: 1_000_005 });
  h.b.edge(h.app, api, 'property', 'api').edge(api, all, 'property', 'interceptors').edge(all, manager, 'property', 'request');
  const handlers = h.array('handlers', 1_000_007, manager);
  const shared = h.sharedInfo('forwardAuth', 1_000_101);
  for (let i = 0; i < ejected; i++) handlers.push(h.value('null'));
  for (let i = 0; i < count; i++) {
    const record = h.b.node('object', 'Object', 48);
    h.b.edge(record, h.closure('forwardAuth', shared, { user: h.blob(256) }).closure, 'property', 'fulfilled');
    handlers.push(record);
  }
  return h;
}

/**
 * Open TCP sockets under "(Node handles)": `outbound` opened by undici Clients (each in a Pool's
 * `<symbol clients>`), `inbound` accepted by a server (`_server`), as one process talking to itself.
 */
export function poolSockets(outbound: number, inbound: number): HeapShapes {
  const h = new HeapShapes();
  const root = h.b.node('synthetic', '(Node handles)', 0, { id: 999_101 });
  h.b.edge(h.b.root, root, 'element', 2);
  const server = h.b.node('object', 'Server', 200, { id: 1_000_001 });
  h.b.edge(h.app, server, 'property', 'pricing');
  let n = 0;
  const open = (): number => {
    const wrap = h.b.node('synthetic', 'Node / TCPSocketWrap', 408);
    const tcp = h.b.node('object', 'TCP', 56);
    const s = h.b.node('object', 'Socket', 264);
    h.b.edge(root, wrap, 'element', n++).edge(tcp, wrap, 'internal', 'javascript_to_native').edge(wrap, tcp, 'internal', 'native_to_javascript');
    h.b.edge(s, tcp, 'property', '_handle').edge(tcp, s, 'property', 'owner');
    return s;
  };
  for (let i = 0; i < outbound; i++) {
    const s = open();
    const pool = instance(h, 'Pool', ['close', 'destroy']);
    const client = instance(h, 'Client', ['close', 'destroy']);
    const clients = h.b.node('object', 'Array', 32);
    h.b.edge(pool, clients, 'property', '<symbol clients>').edge(clients, client, 'element', 0);
    h.b.edge(client, s, 'property', '<symbol socket>').edge(s, client, 'property', '<symbol client>').edge(client, pool, 'property', '<symbol owner>');
  }
  for (let i = 0; i < inbound; i++) h.b.edge(open(), server, 'property', '_server');
  return h;
}

/**
 * node-cron tasks: a Timeout whose callback (node-cron's `heartBeat`) captures its Runner, whose
 * `onMatch` captures the program's `checkReminder`; each Runner is held by its task.
 */
export function cronTasks(count: number): HeapShapes {
  const h = new HeapShapes();
  const registry = h.map('tasks', 1_000_001);
  const list = h.array('timerList', 1_000_011);
  const beat = h.sharedInfo('heartBeat', 1_000_101, '/srv/app/node_modules/node-cron/dist/_shared.cjs');
  const onMatch = h.sharedInfo('onMatch', 1_000_111, '/srv/app/node_modules/node-cron/dist/node-cron.cjs');
  const user = h.sharedInfo('checkReminder', 1_000_121, '/srv/app/reminders.js');
  for (let i = 0; i < count; i++) {
    const task = instance(h, 'InlineScheduledTask', ['start', 'stop', 'destroy']);
    const runner = instance(h, 'Runner', ['start', 'stop']);
    const checkReminder = h.closure('checkReminder', user, { reminder: h.blob(512) }).closure;
    h.b.edge(runner, h.closure('onMatch', onMatch, { taskFn: checkReminder }).closure, 'property', 'onMatch');
    h.b.edge(task, runner, 'property', 'runner');
    registry.set(task);
    const t = h.withFlags('Timeout', { _destroyed: 'false', _repeat: 'null' }, 120);
    h.b.edge(t, h.closure('heartBeat', beat, { this: runner }).closure, 'property', '_onTimeout');
    list.push(t);
  }
  return h;
}
