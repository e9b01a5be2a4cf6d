import { HeapGraph } from '../graph/heapGraph';
import { Detector } from './detector';
import { detectGroups, Group, seriesText } from './detectGroups';
import { formatCount, plural } from './formatBytes';
import { readerFor } from './graphViews';

/** Open sockets added per snapshot, at every step, before a finding. */
const MIN_STEP_GROWTH = 3;

/** Native handle classes Node reports as synthetic "Node / …" nodes, with the JS class owning each. */
const HANDLE_WRAPS: ReadonlyMap<string, string> = new Map([
  ['Node / TCPSocketWrap', 'TCP socket'],
  ['Node / PipeWrap', 'pipe'],
]);

const HANDLE_EDGES: ReadonlySet<string> = new Set(['_handle', '<symbol kHandle>']);

interface HandleGroup extends Group {
  what: string;
}

/**
 * Pattern 8: open handles (native `Node / TCPSocketWrap` nodes, one per open socket) multiplying
 * across a series. Needs a series: a single snapshot cannot tell a busy server from a leak.
 * Members are the JS `Socket` objects owning the handles.
 */
export const openHandleDetector: Detector = {
  kind: 'open-handle',
  detect: (input, ctx) =>
    detectGroups<HandleGroup>('open-handle', input, ctx, {
      async scan(graph) {
        return scan(graph);
      },
      accept: (g, growing, snapshots) => snapshots >= 3 && growing && g.count >= MIN_STEP_GROWTH * (snapshots - 1),
      describe(g, facts) {
        const first = facts.counts[0] ?? 0;
        const perStep = Math.round((g.count - first) / Math.max(1, facts.counts.length - 1));
        return {
          title: `${plural(g.count, `open ${g.what}`)}, ${formatCount(perStep)} more at every snapshot: opened and never closed`,
          evidence: [
            `Open ${g.what}s (native handles) across the series: ${seriesText(facts.counts)}, growing at every snapshot.`,
            `Each open socket keeps its JS Socket, its buffers and a file descriptor.`,
          ],
          fix: `End or destroy each ${g.what} when its exchange is done (\`socket.end()\` / \`destroy()\`), and close clients and streams in a \`finally\`.`,
          location: null,
          details: null,
        };
      },
    }),
};

function scan(graph: HeapGraph): HandleGroup[] {
  const r = readerFor(graph);
  const groups = new Map<string, HandleGroup>();
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.nodeType[n] !== graph.types.synthetic && graph.nodeType[n] !== graph.types.native) continue;
    const what = HANDLE_WRAPS.get(r.name(n));
    if (!what) continue;
    let g = groups.get(what);
    if (!g) {
      g = { key: `handle:${what}`, members: [], holder: null, target: -1, count: 0, bytes: 0, what };
      groups.set(what, g);
    }
    g.count += 1;
    const socket = ownerSocket(graph, n);
    if (socket >= 0) {
      g.members.push(socket);
      g.bytes += graph.retainedSize[socket];
      if (g.target < 0 || graph.distance[socket] < graph.distance[g.target]) g.target = socket;
    }
  }
  return [...groups.values()].filter((g) => g.target >= 0);
}

/** The JS Socket of a handle: handle ← JS wrapper (e.g. `TCP`) ← Socket via `_handle` (Node 20: `<symbol kHandle>`). */
function ownerSocket(graph: HeapGraph, wrap: number): number {
  const r = readerFor(graph);
  let found = -1;
  r.forEachRetainer(wrap, (jsWrapper) => {
    if (found >= 0 || graph.nodeType[jsWrapper] !== graph.types.object) return;
    r.forEachRetainer(jsWrapper, (owner, edge) => {
      if (found < 0 && graph.nodeType[owner] === graph.types.object && HANDLE_EDGES.has(r.edgeName(edge))) found = owner;
    });
  });
  return found;
}
