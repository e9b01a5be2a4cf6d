import { HeapGraph } from '../graph/heapGraph';
import { closureLocation, shortLocation } from './closureLocation';
import { Detector } from './detector';
import { detectGroups, Group, retainedOfSet, seriesText } from './detectGroups';
import { formatBytes, plural } from './formatBytes';
import { readerFor } from './graphViews';
import { nameAndLabel } from './holderOf';

/** Node warns past 10 listeners for one event (EventEmitter.defaultMaxListeners). */
const MAX_LISTENERS = 10;

interface ListenerGroup extends Group {
  emitter: number;
  event: string;
  /** The most common listener function (by shared function info). */
  mainListener: number;
  mainCount: number;
}

/**
 * Pattern 4: an emitter's `_events` entry holding an array of more than 10 listeners, growing at
 * every snapshot of a series; listeners are grouped by function to name the one added each time.
 */
export const listenerLeakDetector: Detector = {
  kind: 'listener-leak',
  detect: (input, ctx) =>
    detectGroups<ListenerGroup>('listener-leak', input, ctx, {
      async scan(graph) {
        return scan(graph);
      },
      accept: (g, growing, snapshots) => g.count > MAX_LISTENERS && (snapshots < 3 || growing),
      describe(g, facts) {
        const r = readerFor(facts.graph);
        const named = nameAndLabel(r, g.emitter, r.name(g.emitter) || 'EventEmitter');
        const emitter = named.label;
        const fn = r.name(g.mainListener) || '(anonymous)';
        const location = closureLocation(r, g.mainListener);
        const evidence = [
          `${emitter} has ${plural(g.count, `\`${g.event}\` listener`)}; Node warns past ${MAX_LISTENERS}.`,
          `${plural(g.mainCount, 'of them is', 'of them are')} the function \`${fn}\`${location ? ` (${shortLocation(location)})` : ''}: one is added per operation and never removed.`,
          `Together they keep ${formatBytes(g.bytes)} alive.`,
        ];
        if (facts.counts.length >= 2) evidence.push(`Listeners across the series: ${seriesText(facts.counts)}${facts.growing ? ' (growing at every snapshot)' : ''}.`);
        return {
          title: `${plural(g.count, `\`${g.event}\` listener`)} (\`${fn}\`) added to ${emitter} and never removed`,
          evidence,
          fix: `Remove the listener when the operation ends (\`${named.name ?? 'emitter'}.off('${g.event}', ${fn})\`, or \`once\`, or an AbortSignal passed to \`events.on\`), or subscribe once for the whole app.`,
          location,
          details: null,
        };
      },
    }),
};

function scan(graph: HeapGraph): ListenerGroup[] {
  const r = readerFor(graph);
  const out: ListenerGroup[] = [];
  const property = graph.edgeTypes.property;
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.nodeType[n] !== graph.types.object || !r.reachable(n)) continue;
    const events = r.child(n, '_events', property);
    if (events < 0 || graph.nodeType[events] !== graph.types.object) continue;
    for (let e = graph.firstEdge[events]; e < graph.firstEdge[events + 1]; e++) {
      if (graph.edgeType[e] !== property) continue;
      const list = graph.edgeToNode[e];
      if (!r.isObject(list, 'Array')) continue;
      const listeners: number[] = [];
      for (let le = graph.firstEdge[list]; le < graph.firstEdge[list + 1]; le++) {
        if (graph.edgeType[le] === graph.edgeTypes.element && graph.nodeType[graph.edgeToNode[le]] === graph.types.closure) listeners.push(graph.edgeToNode[le]);
      }
      if (listeners.length <= MAX_LISTENERS) continue;
      const byFunction = new Map<number, number[]>();
      for (const l of listeners) {
        const shared = r.sharedInfo(l);
        const list2 = byFunction.get(shared) ?? [];
        list2.push(l);
        byFunction.set(shared, list2);
      }
      let main: number[] = [];
      for (const v of byFunction.values()) if (v.length > main.length) main = v;
      const event = r.edgeName(e);
      out.push({
        key: `${r.idKey(n)}:${event}`,
        members: listeners,
        holder: n,
        target: main[main.length - 1],
        count: listeners.length,
        bytes: retainedOfSet(graph, listeners),
        emitter: n,
        event,
        mainListener: main[0],
        mainCount: main.length,
      });
    }
  }
  return out;
}
