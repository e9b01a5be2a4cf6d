import { HeapGraph } from '../graph/heapGraph';
import { Detector } from './detector';
import { Group, groupDetector, seriesText } from './groupDetector';
import { formatCount, plural } from '../../protocol/format';
import { GraphReader } from './graphReader';
import { readerFor } from './graphViews';
import { handleOwner, isInbound } from './handleOwner';

/** Open handles added per snapshot, at every step, before a finding. */
const MIN_STEP_GROWTH = 3;

/** Native handle classes Node reports as synthetic "Node / …" nodes, with what each is. */
const HANDLE_WRAPS: ReadonlyMap<string, string> = new Map([
  ['Node / TCPSocketWrap', 'TCP socket'],
  ['Node / PipeWrap', 'pipe'],
  ['Node / FSEventWrap', 'file watcher'],
  ['Node / UDPWrap', 'UDP socket'],
  ['Node / ProcessWrap', 'child process'],
]);

const HANDLE_EDGES: ReadonlySet<string> = new Set(['_handle', '<symbol kHandle>']);

interface HandleGroup extends Group {
  what: string;
  /** Class of the library object that opened them (undici `Client`, `Agent`), or null. */
  owner: string | null;
  inbound: boolean;
}

/**
 * Pattern 8: open handles (native `Node / TCPSocketWrap` nodes, one per open socket; watchers,
 * pipes, child processes) multiplying across a series. Needs a series: a single snapshot cannot
 * tell a busy server from a leak. Members are the JS objects owning the handles, grouped by the
 * library object that opened them (an undici Client, an http.Agent, a database client), so the
 * count is of one leak's handles. Sockets a server accepted are reported only when no handle
 * this process opened grows: in a program that talks to itself they are the far ends of its own
 * leaked clients.
 */
export const openHandleDetector: Detector = {
  kind: 'open-handle',
  async detect(input, ctx) {
    const outbound = await opened.detect(input, ctx);
    return outbound.length > 0 ? outbound : accepted.detect(input, ctx);
  },
};

/** One rule for handles the process opened, one for sockets a server accepted. */
const handleDetector = (inbound: boolean) =>
  groupDetector<HandleGroup>({
    kind: 'open-handle',
    scan: (graph) => scan(graph).filter((g) => g.inbound === inbound),
    accept: (g, growing, snapshots) => snapshots >= 3 && growing && g.count >= MIN_STEP_GROWTH * (snapshots - 1),
    describe(g, facts) {
      const first = facts.counts[0] ?? 0;
      const perStep = Math.round((g.count - first) / Math.max(1, facts.counts.length - 1));
      const of = g.owner ? ` of ${g.owner}` : g.inbound ? ' accepted by a server' : '';
      return {
        title: `${plural(g.count, `open ${g.what}`)}${of}, ${formatCount(perStep)} more at every snapshot: opened and never closed`,
        evidence: [
          `Open ${g.what}s${of} (native handles) across the series: ${seriesText(facts.counts)}, growing at every snapshot.`,
          `Each keeps its JS object, its buffers and a file descriptor.`,
        ],
        fix: fixFor(g),
      };
    },
  });
const opened = handleDetector(false);
const accepted = handleDetector(true);

function fixFor(g: HandleGroup): string {
  switch (g.owner) {
    case 'Client':
    case 'Pool':
    case 'Agent':
    case 'BalancedPool':
      return `Make one ${g.owner} for the whole app and reuse it, or close each one when its work is done (${g.owner === 'Agent' ? "`agent.destroy()` for Node's http.Agent, `await agent.close()` for undici's" : `\`await ${g.owner.toLowerCase()}.close()\``}).`;
    case null:
      if (g.what === 'file watcher') return 'Close each watcher when what it watches for is done (`watcher.close()`), or share one watcher.';
      if (g.inbound) return 'The peers keep these connections open: close idle ones (`server.keepAliveTimeout`, `server.closeIdleConnections()`), and find the client that never closes them.';
      return `End or destroy each ${g.what} when its exchange is done (\`socket.end()\` / \`destroy()\`), and close clients and streams in a \`finally\`.`;
    default:
      return `Reuse one ${g.owner} for the whole app, or close each one when its work is done (\`end()\`/\`close()\`/\`destroy()\`), in a \`finally\`.`;
  }
}

function scan(graph: HeapGraph): HandleGroup[] {
  const r = readerFor(graph);
  const groups = new Map<string, HandleGroup>();
  const owners = new Set<number>();
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.nodeType[n] !== graph.types.synthetic && graph.nodeType[n] !== graph.types.native) continue;
    const what = HANDLE_WRAPS.get(r.name(n));
    if (!what) continue;
    const socket = ownerSocket(r, n);
    if (socket < 0 || owners.has(socket)) continue;
    owners.add(socket);
    const inbound = what === 'TCP socket' && isInbound(r, socket);
    const opener = inbound ? -1 : poolOf(r, handleOwner(r, socket));
    const owner = opener >= 0 ? r.name(opener) : null;
    const key = `handle:${what}:${inbound ? 'in' : owner ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, members: [], holder: null, target: -1, count: 0, bytes: 0, what, owner, inbound };
      groups.set(key, g);
    }
    g.count += 1;
    g.members.push(socket);
    g.bytes += graph.retainedSize[socket];
    const target = opener >= 0 ? opener : socket;
    if (g.target < 0 || graph.distance[target] < graph.distance[g.target]) g.target = target;
  }
  return [...groups.values()];
}

/**
 * A pool's connection (undici's `Pool`/`Agent` keep one `Client` per connection) is opened by the
 * pool the program made: name that.
 */
function poolOf(r: GraphReader, opener: number): number {
  if (opener < 0) return opener;
  const outer = handleOwner(r, opener);
  return outer >= 0 && /(Pool|Agent)$/.test(r.name(outer)) ? outer : opener;
}

/** The JS owner of a handle: handle ← JS wrapper (e.g. `TCP`) ← Socket via `_handle` (Node 20: `<symbol kHandle>`). */
function ownerSocket(r: GraphReader, wrap: number): number {
  const graph = r.graph;
  let found = -1;
  r.forEachRetainer(wrap, (jsWrapper) => {
    if (found >= 0 || graph.nodeType[jsWrapper] !== graph.types.object) return;
    r.forEachRetainer(jsWrapper, (owner, edge) => {
      if (found < 0 && graph.nodeType[owner] === graph.types.object && HANDLE_EDGES.has(r.edgeName(edge))) found = owner;
    });
  });
  return found;
}
