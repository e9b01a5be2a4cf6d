import { GraphReader } from './graphReader';

/**
 * Objects that belong to a socket's own plumbing (its native wrapper, parsers, stream states,
 * timers, bound callbacks): walking up from a socket through these never reaches the code that
 * opened it.
 */
const PLUMBING: ReadonlySet<string> = new Set([
  'TCP', 'Pipe', 'TLSWrap', 'HTTPParser', 'Parser', 'HTTPServerAsyncResource', 'ReadableState', 'WritableState',
  'Timeout', 'WeakRef', 'ClientRequest', 'IncomingMessage', 'Object', 'Array', 'Socket', 'TLSSocket', 'FreeList', 'AsyncResource',
]);

const MAX_DEPTH = 3;

/**
 * The library object that opened and keeps a socket (undici's `Client`, an `http.Agent` through
 * its `freeSockets`, an `MqttClient`): a breadth-first walk up the socket's retainers, at most
 * three steps, through its plumbing and plain records, to the first object of another class; of
 * those at the same depth, the one closest to the roots. -1 when none is that near (a socket held
 * only by the code's own closures, or by nothing but its handle). Iterative; each node once.
 */
export function handleOwner(r: GraphReader, socket: number): number {
  const g = r.graph;
  const agent = agentOf(r, socket);
  if (agent >= 0) return agent;
  let frontier = [socket];
  const seen = new Set<number>([socket]);
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: number[] = [];
    let best = -1;
    for (const node of frontier) {
      r.forEachRetainer(node, (from, edge) => {
        if (seen.has(from) || !r.reachable(from)) return;
        const type = g.edgeType[edge];
        if (type === g.edgeTypes.shortcut) return;
        seen.add(from);
        if (g.nodeType[from] === g.types.array) {
          next.push(from);
          return;
        }
        if (g.nodeType[from] !== g.types.object) return;
        const name = r.name(from);
        if (PLUMBING.has(name) || name === '' || name.startsWith('system /')) {
          next.push(from);
          return;
        }
        if (best < 0 || g.distance[from] < g.distance[best]) best = from;
      });
    }
    if (best >= 0) return best;
    frontier = next;
  }
  return -1;
}

/**
 * Node's `http.Agent` keeps a connection in `sockets[name]` while in use and in
 * `freeSockets[name]` while idle (each an Array per host:port): the agent, or -1.
 */
function agentOf(r: GraphReader, socket: number): number {
  const g = r.graph;
  let agent = -1;
  r.forEachRetainer(socket, (list, edge) => {
    if (agent >= 0 || g.edgeType[edge] !== g.edgeTypes.element || !r.isObject(list, 'Array')) return;
    r.forEachRetainer(list, (byName) => {
      if (agent >= 0 || g.nodeType[byName] !== g.types.object) return;
      r.forEachRetainer(byName, (owner, e) => {
        const name = r.edgeName(e);
        if (agent < 0 && (name === 'freeSockets' || name === 'sockets') && g.nodeType[owner] === g.types.object) agent = owner;
      });
    });
  });
  return agent;
}

/** A socket a server accepted (Node sets `server`/`_server` on those), as against one this process opened. */
export function isInbound(r: GraphReader, socket: number): boolean {
  const g = r.graph;
  for (const name of ['_server', 'server']) {
    const s = r.child(socket, name, g.edgeTypes.property);
    if (s >= 0 && g.nodeType[s] === g.types.object) return true;
  }
  return false;
}
