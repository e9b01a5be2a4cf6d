import { HeapGraph } from '../graph/heapGraph';
import { Detector } from './detector';
import { detectGroups, Group, retainedOfSet, seriesText } from './detectGroups';
import { formatBytes, plural } from './formatBytes';
import { readerFor } from './graphViews';
import { Holder, holderOf } from './holderOf';

const MIN_CLOSED_SINGLE = 5;

/** HTTP message objects whose connection can close under them while the app still holds them. */
const CLIENT_CLASSES: ReadonlySet<string> = new Set(['ServerResponse', 'ClientRequest']);

interface ClosedGroup extends Group {
  label: string;
  className: string;
  entries: number;
}

/**
 * Pattern 7: `ServerResponse`/`ClientRequest` objects whose connection is gone (`destroyed` or
 * `_closed` true) while the response was never finished — the peer left — still reachable from an
 * app container. Grouped by that container; bytes are what its entries keep (the per-client
 * state such as backlogs, plus the dead socket).
 */
export const closedClientDetector: Detector = {
  kind: 'closed-client',
  detect: (input, ctx) =>
    detectGroups<ClosedGroup>('closed-client', input, ctx, {
      async scan(graph) {
        return scan(graph);
      },
      accept: (g, growing, snapshots) => (snapshots >= 3 ? growing : g.count >= MIN_CLOSED_SINGLE),
      describe(g, facts) {
        const evidence = [
          `${g.label} holds ${plural(g.count, g.className)} whose connection is closed (\`destroyed\`/\`_closed\` true) and whose response never finished: the clients left, the app never noticed.`,
          `Their entries keep ${formatBytes(g.bytes)} alive (per-client buffers, the dead sockets, the requests).`,
        ];
        if (facts.counts.length >= 2) evidence.push(`Closed clients held across the series: ${seriesText(facts.counts)}${facts.growing ? ' (growing at every snapshot)' : ''}.`);
        return {
          title: `${plural(g.count, `closed client`)} (${g.className}, connection gone) still held by ${g.label}`,
          evidence,
          fix: `Remove the client from ${g.label} on its \`close\` event (\`res.on('close', …)\` / \`req.on('close', …)\`), and drop its buffers with it.`,
          location: null,
          details: null,
        };
      },
    }),
};

function scan(graph: HeapGraph): ClosedGroup[] {
  const r = readerFor(graph);
  const groups = new Map<number, ClosedGroup & { entrySet: Set<number>; holderNode: Holder }>();
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.nodeType[n] !== graph.types.object || !r.reachable(n)) continue;
    const className = r.name(n);
    if (!CLIENT_CLASSES.has(className)) continue;
    const closed = r.oddballProperty(n, 'destroyed') === 'true' || r.oddballProperty(n, '_closed') === 'true';
    if (!closed || r.oddballProperty(n, 'finished') === 'true') continue;
    const holder = holderOf(r, n);
    if (!holder) continue;
    let g = groups.get(holder.node);
    if (!g) {
      g = {
        key: `closed:${r.idKey(holder.node)}`, members: [], holder: holder.node, target: n, count: 0, bytes: 0,
        label: holder.label, className, entries: 0, entrySet: new Set(), holderNode: holder,
      };
      groups.set(holder.node, g);
    }
    g.members.push(n);
    g.count += 1;
    g.entrySet.add(holder.entry);
  }
  return [...groups.values()].map((g) => ({ ...g, entries: g.entrySet.size, bytes: retainedOfSet(graph, g.entrySet) }));
}
