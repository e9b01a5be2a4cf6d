import { HeapGraph } from '../graph/heapGraph';
import { Group, groupDetector, retainedOfSet } from './groupDetector';
import { formatBytes, plural } from '../../protocol/format';
import { readerFor } from './graphViews';
import { holderOf } from './holderOf';

const MIN_REQUESTS_SINGLE = 10;
const MIN_BYTES_SINGLE = 64 * 1024;

interface RequestGroup extends Group {
  label: string;
}

/**
 * Pattern 9: request-scoped objects outliving their request: server-side `IncomingMessage`s
 * whose body was fully read (`complete` true), kept by an app container rather than by Node's
 * HTTP machinery, with everything hung on them (parsed bodies, sockets, headers).
 */
export const requestScopedRetentionDetector = groupDetector<RequestGroup>({
  kind: 'request-scoped-retention',
  scan,
  accept: (g, growing, snapshots) => (snapshots >= 3 ? growing : g.count >= MIN_REQUESTS_SINGLE && g.bytes >= MIN_BYTES_SINGLE),
  describe(g, facts) {
    const evidence = [
      `${g.label} keeps ${plural(g.count, 'finished request')} (IncomingMessage with \`complete\` true) after their responses were sent.`,
      `With them it keeps ${formatBytes(g.bytes)}: everything hung on each request (parsed body, headers, socket).`,
    ];
    return {
      title: `${plural(g.count, 'finished request')} kept by ${g.label} with their data`,
      evidence,
      fix: `Store only the fields you need (method, url, sizes, timings) in ${g.label}, never the request object or its body, and bound it.`,
    };
  },
  seriesNoun: 'Requests held',
});

function scan(graph: HeapGraph): RequestGroup[] {
  const r = readerFor(graph);
  const groups = new Map<number, RequestGroup & { entrySet: Set<number> }>();
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.nodeType[n] !== graph.types.object || !r.reachable(n) || !r.isObject(n, 'IncomingMessage')) continue;
    if (r.oddballProperty(n, 'complete') !== 'true') continue;
    // A kept request is often also the socket's last one: count it with the collection keeping it.
    const holder = holderOf(r, n, 6, true);
    if (!holder) continue;
    let g = groups.get(holder.node);
    if (!g) {
      g = { key: `req:${r.idKey(holder.node)}`, members: [], holder: holder.node, target: n, count: 0, bytes: 0, label: holder.label, entrySet: new Set() };
      groups.set(holder.node, g);
    }
    g.members.push(n);
    g.count += 1;
    g.entrySet.add(holder.entry);
  }
  return [...groups.values()].map((g) => ({ ...g, bytes: retainedOfSet(graph, g.entrySet) }));
}
