import { GraphReader } from './graphReader';

/**
 * Whether a connection object is closed, read from what the heap shows of it. V8 writes no node
 * for a small integer, so a numeric `readyState` (ws's `CLOSED` = 3, gRPC's connectivity state) is
 * invisible; what is visible, on Node 20 to 26, is:
 * - the native handle gone: a `net.Socket`/`tls.TLSSocket` sets `_handle` (`<symbol kHandle>` on
 *   Node 20) to null when it closes, an `Http2Session` its `<symbol kHandle>` to undefined, as do
 *   servers, watchers and child processes;
 * - a string state: engine.io (socket.io's transport) writes `_readyState`/`readyState`
 *   `'closed'`, database clients `status`/`state` `'end'`/`'closed'`;
 * - a boolean flag: `destroyed`/`_closed`/`closed`/`ended` true.
 * The answer names what was seen, for the evidence.
 */
export function closedSignal(r: GraphReader, node: number): string | null {
  const g = r.graph;
  const property = g.edgeTypes.property;
  for (const name of HANDLE_EDGES) {
    const handle = r.child(node, name, property);
    if (handle < 0) continue;
    const value = r.oddballValue(handle);
    if (value !== 'null' && value !== 'undefined') return null;
    // A socket still connecting has no handle yet either (net.Socket writes `connecting` true).
    if (r.oddballProperty(node, 'connecting') === 'true') return null;
    return `no native handle (\`${name.replace(/^<symbol (.*)>$/, '[$1]')}\` ${value})`;
  }
  for (const name of STATE_EDGES) {
    const state = r.child(node, name, property);
    if (state < 0 || g.nodeType[state] !== g.types.string) continue;
    const value = r.name(state);
    if (CLOSED_STATES.has(value)) return `\`${name}\` '${value}'`;
  }
  for (const name of FLAG_EDGES) if (r.oddballProperty(node, name) === 'true') return `\`${name}\` true`;
  return null;
}

/** Where Node's handle-owning classes keep their native handle (net, tls, http2, fs, child_process). */
const HANDLE_EDGES = ['_handle', '<symbol kHandle>'];

const STATE_EDGES = ['readyState', '_readyState', 'state', 'status', '_state'];

const CLOSED_STATES: ReadonlySet<string> = new Set(['closed', 'disconnected', 'end', 'ended', 'destroyed', 'CLOSED']);

const FLAG_EDGES = ['destroyed', '_closed', 'closed', 'ended', '_ended'];

/**
 * Classes whose closed flags describe something other than a connection a program keeps: stream
 * states, timers, promises' internals. A closed object reached only through one of these is not a
 * kept client.
 */
export const NOT_CONNECTIONS: ReadonlySet<string> = new Set([
  'ReadableState',
  'WritableState',
  'Timeout',
  'Immediate',
  'TimersList',
  'AbortSignal',
  'FreeList',
  'HTTPParser',
]);

/** The event a library's connection emits when it goes away, for the fix. */
export function closeEventOf(r: GraphReader, connection: number): string {
  // socket.io sockets carry their `handshake` and `nsp`; they announce the end as 'disconnect'.
  if (r.child(connection, 'handshake') >= 0 && r.child(connection, 'nsp') >= 0) return 'disconnect';
  return 'close';
}
