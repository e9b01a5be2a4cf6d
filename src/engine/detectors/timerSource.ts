import { GraphReader } from './graphReader';

/** Who a timer belongs to when a library armed it. */
export interface TimerSource {
  /** The npm package whose code armed the timer (from the callback's script path), or null. */
  library: string | null;
  /** The program's own function the timer ends up calling (a closure outside node_modules), or -1. */
  userFunction: number;
  /** The library object a program would stop (a node-cron task, a NodeCache), or -1. */
  owner: number;
  /** Its method that stops the timer (`stop`, `close`, `destroy`, …), or null. */
  stopMethod: string | null;
}

/** Method names that end a library object's recurring work, in the order a fix should prefer. */
const STOP_METHODS = ['stop', 'close', 'destroy', 'dispose', 'cancel', 'clear', 'end'];

/** Forward search bounds per timer: the user's function sits a few steps from a library's callback. */
const MAX_DEPTH = 5;
const MAX_VISITED = 400;

/** Edges never followed forward: shapes, code, prototypes (shared by every instance, they lead everywhere). */
const SKIP_EDGES: ReadonlySet<string> = new Set(['map', '__proto__', 'constructor', 'shared', 'code', 'feedback_cell', 'script', 'previous', 'scope_info', 'native_context', 'prototype']);

/** "node-cron" from ".../node_modules/node-cron/dist/x.cjs", "@grpc/grpc-js" for scoped packages. */
export function packageOf(url: string | null): string | null {
  if (!url) return null;
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const parts = url.slice(at + '/node_modules/'.length).split('/');
  return parts[0].startsWith('@') && parts.length > 1 ? `${parts[0]}/${parts[1]}` : parts[0];
}

function isUserScript(url: string | null): boolean {
  return url !== null && !url.startsWith('node:') && !url.includes('/node_modules/');
}

/**
 * For a timer whose callback comes from an npm package: a breadth-first walk forward from the
 * callback (its context's variables, bound receiver and arguments, then properties), bounded in
 * depth and size, to the first function of the program's own code, and the first library object
 * with a stop-like method; from that object, up its retainers (by property) while one can also
 * stop (a node-cron task above its runner), so the fix names what the program holds.
 * Callbacks of the program's own code return themselves.
 */
export function timerSource(r: GraphReader, callback: number): TimerSource {
  const url = r.scriptUrl(boundTarget(r, callback));
  const library = packageOf(url);
  if (library === null) return { library: null, userFunction: isUserScript(url) ? callback : -1, owner: -1, stopMethod: null };
  const g = r.graph;
  let userFunction = -1;
  let owner = -1;
  let frontier = [callback];
  const seen = new Set<number>(frontier);
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0 && seen.size < MAX_VISITED && (userFunction < 0 || owner < 0); depth++) {
    const next: number[] = [];
    for (const node of frontier) {
      for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) {
        const type = g.edgeType[e];
        if (type === g.edgeTypes.weak || type === g.edgeTypes.shortcut) continue;
        if (type !== g.edgeTypes.element && type !== g.edgeTypes.hidden && SKIP_EDGES.has(r.edgeName(e))) continue;
        const to = g.edgeToNode[e];
        if (seen.has(to) || seen.size >= MAX_VISITED) continue;
        seen.add(to);
        const t = g.nodeType[to];
        if (t === g.types.closure) {
          if (userFunction < 0 && isUserScript(r.scriptUrl(to))) userFunction = to;
          next.push(to);
        } else if (t === g.types.object || t === g.types.array) {
          if (owner < 0 && t === g.types.object && stopMethodOf(r, to) !== null) owner = to;
          next.push(to);
        }
      }
    }
    frontier = next;
  }
  if (owner >= 0) owner = outermostStoppable(r, owner);
  return { library, userFunction, owner, stopMethod: owner >= 0 ? stopMethodOf(r, owner) : null };
}

/** The function a bound function (`fn.bind(obj)`, named `native_bind` in snapshots) calls; else itself. */
export function boundTarget(r: GraphReader, fn: number): number {
  const target = r.child(fn, 'bound_function', r.graph.edgeTypes.internal);
  return target >= 0 && r.graph.nodeType[target] === r.graph.types.closure ? target : fn;
}

/** The first of STOP_METHODS on the object's prototype chain (two levels: class, base class). */
function stopMethodOf(r: GraphReader, node: number): string | null {
  const g = r.graph;
  const name = r.name(node);
  if (name === 'Object' || name === '' || name.startsWith('system /') || name === 'Timeout') return null;
  let proto = r.child(node, '__proto__', g.edgeTypes.property);
  for (let level = 0; level < 2 && proto >= 0; level++) {
    for (const method of STOP_METHODS) {
      const fn = r.child(proto, method, g.edgeTypes.property);
      if (fn >= 0 && g.nodeType[fn] === g.types.closure && !r.scriptUrl(fn)?.startsWith('node:')) return method;
    }
    proto = r.child(proto, '__proto__', g.edgeTypes.property);
  }
  return null;
}

function outermostStoppable(r: GraphReader, node: number): number {
  const g = r.graph;
  let cur = node;
  const seen = new Set<number>([cur]);
  for (let hop = 0; hop < 4; hop++) {
    let up = -1;
    r.forEachRetainer(cur, (from, edge) => {
      if (seen.has(from) || g.edgeType[edge] !== g.edgeTypes.property || g.nodeType[from] !== g.types.object || !r.reachable(from)) return;
      if (stopMethodOf(r, from) !== null && (up < 0 || g.distance[from] < g.distance[up])) up = from;
    });
    if (up < 0) break;
    cur = up;
    seen.add(cur);
  }
  return cur;
}
