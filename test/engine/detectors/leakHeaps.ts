import { HeapShapes } from './heapShapes';

/**
 * The heap of one leak pattern at a given size, for the table-driven rule tests: each function
 * returns a fresh heap whose stable objects (the containers, the functions) keep their ids, so
 * calling it with growing sizes gives a series of one "process".
 */
export function slabs(count: number, viewsPerSlab: number, current = false, poolSize = 8192): HeapShapes {
  const h = new HeapShapes();
  const cache = h.map('etagCache', 1_000_001);
  for (let i = 0; i < count; i++) {
    const ab = h.arrayBuffer(poolSize, true);
    for (let v = 0; v < viewsPerSlab; v++) cache.set(h.view(ab));
    if (current && i === 0) {
      const ctx = h.b.node('object', 'system / Context', 40);
      h.b.edge(h.app, ctx, 'property', 'bufferModule').edge(ctx, ab, 'context', 'allocPool');
    }
  }
  return h;
}

/** Buffers each the only view of its own ArrayBuffer (socket read chunks), sizes cycling through `sizes`. */
export function loneViews(count: number, sizes: readonly number[]): HeapShapes {
  const h = new HeapShapes();
  const cache = h.map('lastStatusByDevice', 1_000_001);
  for (let i = 0; i < count; i++) cache.set(h.view(h.arrayBuffer(sizes[i % sizes.length], false)));
  return h;
}

/** A cache of slices of app buffers of several sizes: every view counts, whatever its buffer's size. */
export function slicesOfSeveralSizes(buffers: number, viewsPerBuffer: number): HeapShapes {
  const h = new HeapShapes();
  const cache = h.map('frameCache', 1_000_001);
  for (let i = 0; i < buffers; i++) {
    const ab = h.arrayBuffer(16384 * (1 + (i % 4)), false);
    for (let v = 0; v < viewsPerBuffer; v++) cache.set(h.view(ab));
  }
  return h;
}

export function appPool(cached: number, reused: number, shared: boolean): HeapShapes {
  const h = new HeapShapes();
  const cache = h.map('responseCache', 1_000_001);
  const pool = h.array('free', 1_000_011);
  for (let i = 0; i < cached; i++) cache.set(h.view(h.arrayBuffer(65536, false)));
  for (let i = 0; i < reused; i++) {
    const ab = h.arrayBuffer(65536, false);
    cache.set(h.view(ab));
    cache.set(h.view(ab));
    if (shared) pool.push(h.view(ab));
  }
  return h;
}

export function closures(count: number, source: string, bigBytes: number): HeapShapes {
  const h = new HeapShapes();
  const handlers = h.map('cancelHandlers', 1_000_001);
  const shared = h.sharedInfo('onCancel', 1_000_101, source);
  for (let i = 0; i < count; i++) {
    const { closure } = h.closure('onCancel', shared, { rows: h.blob(bigBytes, 'Array'), jobId: h.b.node('string', `job-${i}`, 24) });
    h.b.location(closure, 7, 3, 19);
    handlers.set(closure);
  }
  return h;
}

export function growingMap(entries: number): HeapShapes {
  const h = new HeapShapes();
  const m = h.map('storageClients', 1_000_001);
  for (let i = 0; i < entries; i++) m.set(h.blob(2048, 'StorageClient'));
  return h;
}

/** A prom-client Counter's `hashMap` (one property per label set) with a prototype edge. */
export function metricLabels(labelSets: number): HeapShapes {
  const h = new HeapShapes();
  const counter = h.b.node('object', 'Counter', 64, { id: 1_000_001 });
  const hashMap = h.b.node('object', 'Object', 24, { id: 1_000_003 });
  h.b.edge(h.app, counter, 'property', 'httpRequests').edge(counter, hashMap, 'property', 'hashMap');
  h.b.edge(hashMap, h.b.node('object', 'Object', 24, { id: 1_000_005 }), 'property', '__proto__');
  for (let i = 0; i < labelSets; i++) h.b.edge(hashMap, h.blob(2048, 'Object'), 'property', `path:/orders/${i}`);
  return h;
}

export function listeners(count: number): HeapShapes {
  const h = new HeapShapes();
  const emitter = h.b.node('object', 'EventEmitter', 104, { id: 1_000_001 });
  const events = h.b.node('object', 'Object', 24, { id: 1_000_003 });
  h.b.edge(h.app, emitter, 'property', 'configBus').edge(emitter, events, 'property', '_events');
  const list = h.array('reload', 1_000_005, events);
  const shared = h.sharedInfo('onConfigReload', 1_000_101);
  for (let i = 0; i < count; i++) list.push(h.closure('onConfigReload', shared, { state: h.blob(1024) }).closure);
  return h;
}

export function timers(count: number, destroyed: 'true' | 'false'): HeapShapes {
  const h = new HeapShapes();
  const list = h.array('timerList', 1_000_001);
  const shared = h.sharedInfo('sendHeartbeat', 1_000_101);
  for (let i = 0; i < count; i++) {
    const t = h.withFlags('Timeout', { _destroyed: destroyed }, 120);
    h.b.edge(t, h.closure('sendHeartbeat', shared, { session: h.blob(512) }).closure, 'property', '_onTimeout');
    list.push(t);
  }
  return h;
}

export function suspended(count: number): HeapShapes {
  const h = new HeapShapes();
  const pending = h.map('pending', 1_000_001);
  const shared = h.sharedInfo('handleLookup', 1_000_101);
  const fn = h.closure('handleLookup', shared, {}).closure;
  for (let i = 0; i < count; i++) {
    const gen = h.b.node('object', 'Generator', 88);
    const regs = h.b.node('array', '', 96);
    h.b.edge(gen, fn, 'internal', 'function').edge(gen, regs, 'internal', 'parameters_and_registers').edge(regs, h.blob(1500), 'internal', '0');
    const resolve = h.b.node('closure', '', 56);
    h.b.edge(resolve, gen, 'internal', 'context');
    pending.set(resolve);
  }
  return h;
}

export function responses(count: number, finished: 'true' | 'false'): HeapShapes {
  const h = new HeapShapes();
  const subs = h.array('subscribers', 1_000_001);
  for (let i = 0; i < count; i++) {
    const entry = h.b.node('object', 'Object', 48);
    const res = h.withFlags('ServerResponse', { destroyed: 'true', finished }, 376);
    h.b.edge(entry, res, 'property', 'res').edge(entry, h.blob(4096, 'Array'), 'property', 'backlog');
    subs.push(entry);
  }
  return h;
}

export function sockets(count: number): HeapShapes {
  const h = new HeapShapes();
  const root = h.b.node('synthetic', '(Node handles)', 0, { id: 999_101 });
  h.b.edge(h.b.root, root, 'element', 2);
  for (let i = 0; i < count; i++) {
    const wrap = h.b.node('synthetic', 'Node / TCPSocketWrap', 408);
    const tcp = h.b.node('object', 'TCP', 56);
    const socket = h.b.node('object', 'Socket', 264);
    h.b.edge(root, wrap, 'element', i).edge(tcp, wrap, 'internal', 'javascript_to_native').edge(wrap, tcp, 'internal', 'native_to_javascript');
    h.b.edge(socket, tcp, 'property', '_handle').edge(tcp, socket, 'property', 'owner');
  }
  return h;
}

export function requests(count: number, complete: 'true' | 'false'): HeapShapes {
  const h = new HeapShapes();
  const trail = h.array('auditTrail', 1_000_001);
  for (let i = 0; i < count; i++) {
    const entry = h.b.node('object', 'Object', 40);
    const req = h.withFlags('IncomingMessage', { complete }, 248);
    h.b.edge(entry, req, 'property', 'req').edge(req, h.blob(8192), 'property', 'body');
    trail.push(entry);
  }
  return h;
}
