import { TypedSnapshot } from '../graph/heapGraph';
import { writtenFirst } from '../memory/writtenFirst';

const ATTACHED = 1;
const DETACHED = 2;
/** Set once a node has been reached: it is never given a state again. */
const VISITED = 4;

/**
 * Which native (embedder) nodes DevTools calls "Detached …": the snapshot's `detachedness` field
 * seeds attached/detached on some natives; attached spreads to native children first, then
 * detached spreads to the natives not reached that way (strong, non-hidden edges; JavaScript
 * nodes stop the spread). Learned from DevTools' heap snapshot worker (DOM state propagation).
 * Node's own wrappers ("Node / ContextifyScript", …) carry this field too. Worklists, no
 * recursion; indexing by node ordinal. Returns per node 1 for detached (in `room` if given, a byte
 * per node), or null when the snapshot has no such field.
 */
export function detachedNatives(graph: TypedSnapshot, room?: Uint8Array): Uint8Array | null {
  const seed = graph.nodeDetachedness;
  if (!seed) return null;
  const { nodeCount: n, nodeType, firstEdge, edgeType, edgeToNode } = graph;
  const native = graph.types.native;
  // Per node: VISITED | ATTACHED or DETACHED (natives only); one array serves both.
  const state = room && room.length >= n ? room.subarray(0, n).fill(0) : writtenFirst(new Uint8Array(n));
  const attached: number[] = [];
  const detached: number[] = [];
  const visit = (node: number, newState: number) => {
    if (state[node] !== 0) return;
    if (nodeType[node] !== native) {
      state[node] = VISITED;
      return;
    }
    if (newState === ATTACHED) attached.push(node);
    else if (newState === DETACHED) detached.push(node);
    else newState = 0;
    state[node] = VISITED | newState;
  };
  for (let node = 0; node < n; node++) if (seed[node] !== 0) visit(node, seed[node]);
  const { hidden, weak } = graph.edgeTypes;
  const spread = (from: number, newState: number) => {
    for (let e = firstEdge[from], end = firstEdge[from + 1]; e < end; e++) {
      const type = edgeType[e];
      if (type !== hidden && type !== weak) visit(edgeToNode[e], newState);
    }
  };
  while (attached.length > 0) spread(attached.pop() as number, ATTACHED);
  while (detached.length > 0) {
    const node = detached.pop() as number;
    if ((state[node] & ATTACHED) === 0) spread(node, DETACHED);
  }
  // In place: 1 where detached, else 0.
  for (let node = 0; node < n; node++) state[node] = (state[node] & DETACHED) >>> 1;
  return state;
}
