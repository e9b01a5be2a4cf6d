import { HeapGraph } from '../graph/heapGraph';

const ATTACHED = 1;
const DETACHED = 2;

/**
 * Which native (embedder) nodes DevTools calls "Detached …": the snapshot's `detachedness` field
 * seeds attached/detached on some natives; attached spreads to native children first, then
 * detached spreads to the natives not reached that way (strong, non-hidden edges; JavaScript
 * nodes stop the spread). Learned from DevTools' heap snapshot worker (DOM state propagation).
 * Node's own wrappers ("Node / ContextifyScript", …) carry this field too. Worklists, no
 * recursion; indexing by node ordinal. Returns null when the snapshot has no such field.
 */
export function detachedNatives(graph: HeapGraph): Uint8Array | null {
  const seed = graph.nodeDetachedness;
  if (!seed) return null;
  const n = graph.nodeCount;
  const native = graph.types.native;
  const state = new Uint8Array(n);
  const visited = new Uint8Array(n);
  const attached: number[] = [];
  const detached: number[] = [];
  const visit = (node: number, newState: number) => {
    if (visited[node]) return;
    visited[node] = 1;
    if (graph.nodeType[node] !== native) return;
    state[node] = newState;
    if (newState === ATTACHED) attached.push(node);
    else if (newState === DETACHED) detached.push(node);
  };
  for (let node = 0; node < n; node++) if (seed[node] !== 0) visit(node, seed[node]);
  const { hidden, weak } = graph.edgeTypes;
  const spread = (from: number, newState: number) => {
    for (let e = graph.firstEdge[from]; e < graph.firstEdge[from + 1]; e++) {
      const type = graph.edgeType[e];
      if (type !== hidden && type !== weak) visit(graph.edgeToNode[e], newState);
    }
  };
  while (attached.length > 0) spread(attached.pop() as number, ATTACHED);
  while (detached.length > 0) {
    const node = detached.pop() as number;
    if (state[node] !== ATTACHED) spread(node, DETACHED);
  }
  const result = new Uint8Array(n);
  for (let node = 0; node < n; node++) if (state[node] === DETACHED) result[node] = 1;
  return result;
}
