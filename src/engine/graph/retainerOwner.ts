import { HeapGraph } from './heapGraph';

/**
 * The node that owns retainer slot `slot`'s edge: the graph keeps retaining edges only (4 bytes
 * per edge less than keeping owners too), and edges are grouped by owner in node order, so the
 * owner is the last node whose first edge is at or before the edge. Nodes without edges share
 * their successor's firstEdge; the search lands on the one that really owns edges.
 */
export function retainerOwner(graph: HeapGraph, slot: number): number {
  return edgeOwner(graph.firstEdge, graph.retainerEdge[slot]);
}

/** The node ordinal owning edge `e`: the largest v with firstEdge[v] <= e (firstEdge has nodeCount + 1 entries). */
export function edgeOwner(firstEdge: Uint32Array, e: number): number {
  let lo = 0;
  let hi = firstEdge.length - 1;
  // Invariant: firstEdge[lo] <= e < firstEdge[hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (firstEdge[mid] <= e) lo = mid;
    else hi = mid;
  }
  return lo;
}
