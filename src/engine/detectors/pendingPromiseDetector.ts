import { HeapGraph } from '../graph/heapGraph';
import { closureLocation, shortLocation } from './closureLocation';
import { containerOnPath, Group, groupDetector, minCount, retainedOfSet } from './groupDetector';
import { formatBytes, plural } from '../../protocol/format';
import { readerFor } from './graphViews';

/** @grpc/grpc-js's client call objects: a path through one means the await is a gRPC call. */
const GRPC_CALLS = ['ResolvingCall', 'RetryingCall', 'Http2SubchannelCall'];

interface SuspendedGroup extends Group {
  fn: number;
}

/**
 * Pattern 6: suspended async functions (V8 `Generator` objects, edge `function` to the closure,
 * `parameters_and_registers` to their live locals) of one function multiplying across a series:
 * each is an await that never settles. The path usually runs through the RPC's `pending` map
 * that holds the unsettled promise's resolvers; the container on it becomes the holder.
 */
export const pendingPromiseDetector = groupDetector<SuspendedGroup>({
  kind: 'pending-promise',
  scan,
  // Suspended calls of one function: many in one snapshot, or fewer multiplying across a series.
  accept: minCount({ single: 50, growing: 10 }),
  describe(g, { reader: r, path }) {
    const fn = r.name(g.fn) || '(anonymous)';
    const location = closureLocation(r, g.fn);
    const container = containerOnPath(path);
    const evidence = [
      `${plural(g.count, 'call')} of async function \`${fn}\`${location ? ` (${shortLocation(location)})` : ''} are suspended at an await whose promise is never settled.`,
      `Their locals and what they reference keep ${formatBytes(g.bytes)} alive.`,
    ];
    if (container) evidence.push(`The unsettled promises are reachable from ${container.label}: entries are added per call and never settled or removed.`);
    return {
      title: `${plural(g.count, 'call')} of \`${fn}\` wait forever on promises never settled${container ? ` (held by ${container.label})` : ''}`,
      evidence,
      fix: GRPC_CALLS.some((name) => path.some((s) => s.name === name))
        ? 'Pass a deadline with every gRPC call (`client.method(request, { deadline: Date.now() + 5000 }, callback)`): grpc-js then cancels a call the server never answers and rejects it with DEADLINE_EXCEEDED; cancel outstanding calls on shutdown.'
        : `Give every pending call a deadline (a timer or AbortSignal) that rejects it and deletes its entry${container ? ` from ${container.label}` : ''}, and reject all pending calls when the connection closes.`,
      location,
      holderId: container ? container.id : null,
    };
  },
  seriesNoun: 'Suspended calls',
});

function scan(graph: HeapGraph): SuspendedGroup[] {
  const r = readerFor(graph);
  const internal = graph.edgeTypes.internal;
  const groups = new Map<number, SuspendedGroup>();
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.nodeType[n] !== graph.types.object || !r.reachable(n) || !r.isObject(n, 'Generator')) continue;
    const fn = r.child(n, 'function', internal);
    if (fn < 0) continue;
    const url = r.scriptUrl(fn);
    if (url !== null && url.startsWith('node:')) continue;
    const shared = r.sharedInfo(fn);
    let g = groups.get(shared);
    if (!g) {
      g = { key: `async:${r.idKey(shared)}`, members: [], holder: null, target: n, count: 0, bytes: 0, fn };
      groups.set(shared, g);
    }
    g.members.push(n);
    g.count += 1;
    if (graph.distance[n] < graph.distance[g.target]) g.target = n;
  }
  for (const g of groups.values()) {
    const locals = g.members.map((m) => r.child(m, 'parameters_and_registers', internal)).filter((x) => x >= 0);
    g.bytes = retainedOfSet(graph, [...g.members, ...locals]);
  }
  return [...groups.values()];
}
