import { HeapGraph } from '../graph/heapGraph';
import { closedSignal, closeEventOf, NOT_CONNECTIONS } from './closedState';
import { Group, groupDetector, minCount, retainedOfSet } from './groupDetector';
import { formatBytes, plural } from '../../protocol/format';
import { GraphReader } from './graphReader';
import { readerFor } from './graphViews';
import { Holder, holderOf } from './holderOf';

/** HTTP message objects whose connection can close under them while the app still holds them. */
const HTTP_MESSAGES: ReadonlySet<string> = new Set(['ServerResponse', 'ClientRequest']);

/** Kept requests are request-scoped retention: a closed socket under one is not a kept client. */
const REQUESTS: ReadonlySet<string> = new Set(['IncomingMessage', 'ServerResponse', 'ClientRequest']);

interface ClosedGroup extends Group {
  label: string;
  holderKind: Holder['kind'];
  holderName: string | null;
  /** What the program keeps, by class ("WebSocket", "ServerHttp2Session"). */
  className: string;
  /** What showed the connections closed, most frequent first. */
  signals: string[];
  closeEvent: string;
}

/**
 * Pattern 7: connection objects of any library whose connection is gone, still kept by an app
 * container: a `ServerResponse` whose client left before it finished, a `ws` WebSocket or
 * socket.io socket whose socket closed, a closed HTTP/2 session or TLS socket. What shows them
 * closed is read by closedSignal; they are grouped by the container holding them and counted by
 * its entries (one per connection the program keeps, however deep the closed socket lies).
 */
export const closedClientDetector = groupDetector<ClosedGroup>({
  kind: 'closed-client',
  scan,
  // Five closed clients kept are already a leak; a series only needs them to keep growing.
  accept: minCount({ single: 5, growing: 5 }),
  describe(g, facts) {
    const evidence = [
      `${g.label} holds ${plural(g.count, g.className)} whose connection is closed (${g.signals.join('; ')}): the peers left, the app never noticed.`,
      `They keep ${formatBytes(g.bytes)} alive (per-client state, the dead sockets and their buffers).`,
    ];
    return {
      title: `${plural(g.count, `closed client`)} (${g.className}, connection gone) still held by ${g.label}`,
      evidence,
      fix: `Remove each client from ${g.label} when it goes away: \`${eventTarget(g)}.on('${g.closeEvent}', () => ${removal(g)})\`, and drop its buffers with it.`,
    };
  },
  seriesNoun: 'Closed clients held',
});

function eventTarget(g: ClosedGroup): string {
  if (g.className === 'ServerResponse') return 'res';
  if (g.className === 'ClientRequest') return 'req';
  if (g.closeEvent === 'disconnect') return 'socket';
  if (g.className === 'WebSocket') return 'ws';
  if (g.className.endsWith('Session')) return 'session';
  return 'client';
}

function removal(g: ClosedGroup): string {
  const name = g.holderName ?? 'clients';
  const item = eventTarget(g);
  switch (g.holderKind) {
    case 'Set':
      return `${name}.delete(${item})`;
    case 'Map':
      return `${name}.delete(key)`;
    case 'Array':
      return `${name}.splice(${name}.indexOf(${item}), 1)`;
    case 'object':
      return `delete ${name}[key]`;
    case 'variable':
      return `${name} = null`;
    default: {
      const never: never = g.holderKind;
      return never;
    }
  }
}

type Building = ClosedGroup & { entrySet: Set<number>; signalCounts: Map<string, number>; classCounts: Map<string, number> };

function scan(graph: HeapGraph): ClosedGroup[] {
  const r = readerFor(graph);
  const groups = new Map<number, Building>();
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.nodeType[n] !== graph.types.object || !r.reachable(n)) continue;
    const className = r.name(n);
    if (NOT_CONNECTIONS.has(className)) continue;
    const signal = HTTP_MESSAGES.has(className) ? httpMessageClosed(r, n) : closedSignal(r, n);
    if (!signal) continue;
    if (!HTTP_MESSAGES.has(className)) {
      const up = r.closestRetainer(n);
      if (up && (REQUESTS.has(r.name(up.from)) || NOT_CONNECTIONS.has(r.name(up.from)))) continue;
    }
    const holder = holderOf(r, n);
    if (!holder || (holder.kind === 'variable' && r.isNodeInternalContext(holder.node))) continue;
    let g = groups.get(holder.node);
    if (!g) {
      g = {
        key: `closed:${r.idKey(holder.node)}`, members: [], holder: holder.node, target: n, count: 0, bytes: 0,
        label: holder.label, holderKind: holder.kind, holderName: holder.name, className, signals: [], closeEvent: 'close',
        entrySet: new Set(), signalCounts: new Map(), classCounts: new Map(),
      };
      groups.set(holder.node, g);
    }
    if (g.entrySet.has(holder.entry)) continue;
    g.entrySet.add(holder.entry);
    g.members.push(n);
    g.count += 1;
    g.signalCounts.set(signal, (g.signalCounts.get(signal) ?? 0) + 1);
    const kept = keptClass(r, holder.entry, className);
    g.classCounts.set(kept, (g.classCounts.get(kept) ?? 0) + 1);
    if (graph.distance[n] < graph.distance[g.target]) g.target = n;
  }
  return [...groups.values()].map((g) => {
    const className = mostFrequent(g.classCounts);
    const entry = g.entrySet.values().next().value as number;
    return {
      key: g.key, members: g.members, holder: g.holder, target: g.target, count: g.count,
      bytes: retainedOfSet(graph, g.entrySet), label: g.label, holderKind: g.holderKind, holderName: g.holderName,
      className, signals: [...g.signalCounts.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s).slice(0, 3),
      closeEvent: closeEventOf(r, entry),
    };
  });
}

/** The old rule for HTTP messages: the connection is gone and the response never finished. */
function httpMessageClosed(r: GraphReader, n: number): string | null {
  if (r.oddballProperty(n, 'finished') === 'true') return null;
  if (r.oddballProperty(n, 'destroyed') === 'true') return '`destroyed` true, never finished';
  if (r.oddballProperty(n, '_closed') === 'true') return '`_closed` true, never finished';
  return null;
}

/** The class the program keeps: the container's entry, unless it is a plain record around the connection. */
function keptClass(r: GraphReader, entry: number, closedClass: string): string {
  const name = r.name(entry);
  return r.graph.nodeType[entry] !== r.graph.types.object || name === 'Object' || name === '' ? closedClass : name;
}

function mostFrequent(counts: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [k, v] of counts) if (v > bestCount) [best, bestCount] = [k, v];
  return best;
}
