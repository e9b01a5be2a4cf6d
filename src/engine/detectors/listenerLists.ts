import { GraphReader } from './graphReader';

/** Where a list of callbacks lives, which decides the fix. */
export type ListenerSource = 'emitter' | 'event-target' | 'interceptors' | 'middleware';

/** One list of callbacks a long-lived object calls: an event's listeners, an interceptor list, a middleware stack. */
export interface ListenerList {
  source: ListenerSource;
  /** The object the callbacks were added to (emitter, EventTarget, InterceptorManager, app/router). */
  owner: number;
  /** The event type, or the list's property name (`handlers`, `stack`, `middleware`). */
  event: string;
  /** One node per registered callback (the unit a user counts): closures, or their records. */
  entries: number[];
  /** The function each entry calls, by index (-1 when the snapshot does not show one). */
  functions: number[];
}

/** Bound on a Listener chain walk, far above any real list (guards a corrupt `next` cycle). */
const MAX_CHAIN = 10_000_000;

/**
 * Every callback list of one object, if it has any:
 * - EventEmitter: `_events[type]`, an Array of functions (one function alone is stored bare);
 * - EventTarget (AbortSignal, MessagePort, subclasses): `<symbol kEvents>`, a Map from type to a
 *   head record whose `next` chain links one `Listener` per registration, each with its
 *   `listener` (the function, or a handleEvent object);
 * - axios `InterceptorManager`: `handlers`, an Array of `{fulfilled, rejected}` records
 *   (`eject()` leaves null in the slot);
 * - express/router `stack` of `Layer`s (`handle`), koa's `middleware` Array of functions.
 */
export function listenerListsOf(r: GraphReader, node: number): ListenerList[] {
  const g = r.graph;
  const property = g.edgeTypes.property;
  const out: ListenerList[] = [];
  const events = r.child(node, '_events', property);
  if (events >= 0 && g.nodeType[events] === g.types.object) {
    for (let e = g.firstEdge[events]; e < g.firstEdge[events + 1]; e++) {
      if (g.edgeType[e] !== property) continue;
      const list = g.edgeToNode[e];
      if (!r.isObject(list, 'Array')) continue;
      const entries = elements(r, list, (x) => g.nodeType[x] === g.types.closure);
      out.push({ source: 'emitter', owner: node, event: r.edgeName(e), entries, functions: entries.map((c) => unwrapOnce(r, c)) });
    }
  }
  const targetEvents = r.child(node, '<symbol kEvents>', property);
  if (targetEvents >= 0 && r.isObject(targetEvents, 'Map')) out.push(...eventTargetLists(r, node, targetEvents));
  const name = r.name(node);
  if (name === 'InterceptorManager') {
    const handlers = r.child(node, 'handlers', property);
    if (handlers >= 0 && r.isObject(handlers, 'Array')) {
      const entries = elements(r, handlers, (x) => g.nodeType[x] === g.types.object);
      out.push({ source: 'interceptors', owner: node, event: 'handlers', entries, functions: entries.map((x) => closureAt(r, x, 'fulfilled')) });
    }
  }
  // express 4/5 and `router`: the router is a function object (closure `router`) with a `stack`.
  const stack = name === 'router' || name === 'Router' ? r.child(node, 'stack', property) : -1;
  if (stack >= 0 && r.isObject(stack, 'Array')) {
    const entries = elements(r, stack, (x) => r.isObject(x, 'Layer'));
    out.push({ source: 'middleware', owner: node, event: 'stack', entries, functions: entries.map((x) => closureAt(r, x, 'handle')) });
  }
  const middleware = name === 'Application' ? r.child(node, 'middleware', property) : -1;
  if (middleware >= 0 && r.isObject(middleware, 'Array')) {
    const entries = elements(r, middleware, (x) => g.nodeType[x] === g.types.closure);
    out.push({ source: 'middleware', owner: node, event: 'middleware', entries, functions: entries });
  }
  return out;
}

/** Element values of an Array passing `keep`, in index order. */
function elements(r: GraphReader, array: number, keep: (x: number) => boolean): number[] {
  const g = r.graph;
  const out: number[] = [];
  for (let e = g.firstEdge[array]; e < g.firstEdge[array + 1]; e++) {
    if (g.edgeType[e] === g.edgeTypes.element && keep(g.edgeToNode[e])) out.push(g.edgeToNode[e]);
  }
  return out;
}

function closureAt(r: GraphReader, node: number, name: string): number {
  const c = r.child(node, name, r.graph.edgeTypes.property);
  return c >= 0 && r.graph.nodeType[c] === r.graph.types.closure ? c : -1;
}

/**
 * `emitter.once(type, fn)` stores a bound `onceWrapper` whose bound receiver keeps `listener`:
 * the function the program passed, which is what grouping by function should see.
 */
function unwrapOnce(r: GraphReader, closure: number): number {
  const state = r.child(closure, 'bound_this', r.graph.edgeTypes.internal);
  if (state < 0) return closure;
  const inner = closureAt(r, state, 'listener');
  return inner >= 0 ? inner : closure;
}

/**
 * The lists of an EventTarget: its kEvents Map's table holds (type, head record) pairs; from each
 * head, `next` links the Listener records in registration order until it ends (undefined).
 */
function eventTargetLists(r: GraphReader, target: number, map: number): ListenerList[] {
  const g = r.graph;
  const table = r.child(map, 'table', g.edgeTypes.internal);
  if (table < 0) return [];
  const out: ListenerList[] = [];
  let lastKey: string | null = null;
  for (let e = g.firstEdge[table]; e < g.firstEdge[table + 1]; e++) {
    const value = g.edgeToNode[e];
    if (g.nodeType[value] === g.types.string) {
      lastKey = r.name(value);
      continue;
    }
    const first = r.child(value, 'next', g.edgeTypes.property);
    if (lastKey === null || first < 0 || !r.isObject(first, 'Listener')) continue;
    const entries: number[] = [];
    const functions: number[] = [];
    const seen = new Set<number>();
    for (let l = first; l >= 0 && r.isObject(l, 'Listener') && !seen.has(l) && entries.length < MAX_CHAIN; l = r.child(l, 'next', g.edgeTypes.property)) {
      seen.add(l);
      entries.push(l);
      let fn = closureAt(r, l, 'listener');
      if (fn < 0) fn = closureAt(r, l, 'callback');
      functions.push(fn);
    }
    out.push({ source: 'event-target', owner: target, event: lastKey, entries, functions });
    lastKey = null;
  }
  return out;
}
