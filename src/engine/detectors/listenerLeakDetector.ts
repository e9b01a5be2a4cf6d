import { HeapGraph } from '../graph/heapGraph';
import { closureLocation, shortLocation } from './closureLocation';
import { Group, groupDetector, retainedOfSet } from './groupDetector';
import { formatBytes, plural } from '../../protocol/format';
import { GraphReader } from './graphReader';
import { readerFor } from './graphViews';
import { nameAndLabel } from './holderOf';
import { ListenerList, listenerListsOf, ListenerSource } from './listenerLists';

/** Node warns past 10 listeners for one event (EventEmitter.defaultMaxListeners, and EventTarget's). */
const MAX_LISTENERS = 10;
/** Apps register dozens of routes and middleware; one snapshot flags a stack only when it is this long. */
const MAX_MIDDLEWARE_SINGLE = 200;

interface ListenerGroup extends Group {
  source: ListenerSource;
  emitter: number;
  event: string;
  /** The most common listener function (by shared function info), or -1. */
  mainListener: number;
  mainCount: number;
}

/**
 * Pattern 4: a long-lived object's callback list (an EventEmitter's or EventTarget's listeners
 * for one event, an axios interceptor list, a middleware stack) holding more than 10 callbacks,
 * growing at every snapshot of a series; callbacks are grouped by function to name the one added
 * each time. Counts are of registrations (listeners, interceptors, layers), exact.
 */
export const listenerLeakDetector = groupDetector<ListenerGroup>({
  kind: 'listener-leak',
  scan,
  accept: (g, growing, snapshots) =>
    snapshots >= 3 ? growing && g.count > MAX_LISTENERS : g.count > (g.source === 'middleware' ? MAX_MIDDLEWARE_SINGLE : MAX_LISTENERS),
  describe(g, { reader: r }) {
    const named = nameAndLabel(r, g.emitter, ownerClass(r, g.emitter, g.source));
    // A private field (`#signal` of AbortController) is read through its getter (`signal`).
    if (named.name?.startsWith('#')) named.name = named.name.slice(1);
    const fn = g.mainListener >= 0 ? r.name(g.mainListener) || '(anonymous)' : '(anonymous)';
    const location = g.mainListener >= 0 ? closureLocation(r, g.mainListener) : null;
    const unit = UNITS[g.source];
    const what = g.source === 'emitter' || g.source === 'event-target' ? `\`${g.event}\` ${unit}` : unit;
    const evidence = [
      `${named.label} has ${plural(g.count, what)}${g.source === 'emitter' || g.source === 'event-target' ? `; Node warns past ${MAX_LISTENERS}` : ''}.`,
      `${plural(g.mainCount, 'of them calls', 'of them call')} the function \`${fn}\`${location ? ` (${shortLocation(location)})` : ''}: one is added per operation and never removed.`,
      `Together they keep ${formatBytes(g.bytes)} alive.`,
    ];
    return {
      title: `${plural(g.count, what)} (\`${fn}\`) added to ${named.label} and never removed`,
      evidence,
      fix: fixFor(g.source, named.name, g.event, fn),
      location,
    };
  },
  seriesNoun: (g) => `${capitalised(UNITS[g.source])}s`,
});

const UNITS: Record<ListenerSource, string> = {
  emitter: 'listener',
  'event-target': 'listener',
  interceptors: 'interceptor',
  middleware: 'middleware layer',
};

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function fixFor(source: ListenerSource, name: string | null, event: string, fn: string): string {
  switch (source) {
    case 'emitter':
      return `Remove the listener when the operation ends (\`${name ?? 'emitter'}.off('${event}', ${fn})\`), or use \`once\`, or pass an AbortSignal to \`events.on\`/\`events.once\`; or subscribe once for the whole app.`;
    case 'event-target':
      return `Remove the listener when the operation ends (\`${name ?? 'target'}.removeEventListener('${event}', ${fn})\`), or add it with \`{ once: true }\` or \`{ signal }\` of a per-operation AbortController; to cancel work on a long-lived signal, combine it with the operation's own (\`AbortSignal.any([...])\`) instead of listening on it.`;
    case 'interceptors':
      return `Keep the id returned by \`interceptors.${name === 'response' ? 'response' : 'request'}.use(${fn})\` and call \`eject(id)\` when the operation ends, or register the interceptor once at startup (per-call data belongs in the request config).`;
    case 'middleware':
      return `Register middleware once at startup (\`app.use(${fn})\` outside any request handler); per-request behaviour belongs inside one middleware.`;
    default: {
      const never: never = source;
      return never;
    }
  }
}

/** The owner as a user knows it: an AbortSignal (Node 20 names instances `EventTarget`), an InterceptorManager, a router. */
function ownerClass(r: GraphReader, owner: number, source: ListenerSource): string {
  if (source === 'middleware') return r.name(owner) === 'Application' ? 'Koa app' : 'router';
  const name = r.name(owner);
  if (source === 'event-target' && name === 'EventTarget') {
    const proto = r.child(owner, '__proto__', r.graph.edgeTypes.property);
    if (proto >= 0 && r.name(proto)) return r.name(proto);
  }
  return name || 'EventEmitter';
}

function scan(graph: HeapGraph): ListenerGroup[] {
  const r = readerFor(graph);
  const out: ListenerGroup[] = [];
  for (let n = 0; n < graph.nodeCount; n++) {
    const type = graph.nodeType[n];
    if ((type !== graph.types.object && type !== graph.types.closure) || !r.reachable(n)) continue;
    for (const list of listenerListsOf(r, n)) {
      if (list.entries.length <= MAX_LISTENERS) continue;
      out.push(group(r, graph, list));
    }
  }
  return out;
}

function group(r: GraphReader, graph: HeapGraph, list: ListenerList): ListenerGroup {
  const byFunction = new Map<number, number[]>();
  list.entries.forEach((entry, i) => {
    const fn = list.functions[i];
    const key = fn >= 0 ? r.sharedInfo(fn) : -1;
    const same = byFunction.get(key) ?? [];
    same.push(i);
    byFunction.set(key, same);
  });
  let main: number[] = [];
  for (const v of byFunction.values()) if (v.length > main.length) main = v;
  const mainListener = list.functions[main[0]];
  // The path leads to the first of them: on an EventTarget, later ones lie further down the `next` chain.
  const last = list.source === 'event-target' ? main[0] : main[main.length - 1];
  return {
    key: `${r.idKey(list.owner)}:${list.source}:${list.event}`,
    members: list.entries,
    holder: list.owner,
    target: list.functions[last] >= 0 ? list.functions[last] : list.entries[last],
    count: list.entries.length,
    bytes: retainedOfSet(graph, list.entries),
    source: list.source,
    emitter: list.owner,
    event: list.event,
    mainListener,
    mainCount: main.length,
  };
}
