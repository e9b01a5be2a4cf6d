import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, CHUNK, pause } from './buildOptions';

/**
 * Turns the retainer slots from retaining nodes into retaining edges, in the same array: the
 * same counting-sort fill as buildRetainers (so slot s ends up holding the edge whose owner it
 * held), writing edges instead of owners. Nothing reads the owners during the pass, so they can
 * be overwritten as it goes. An edge's owner stays one binary search away (retainerOwner).
 *
 * `cursor` (at least nodeCount words, contents ignored) holds the per-node fill positions.
 */
export async function retainerEdgesInPlace(
  parsed: ParsedSnapshot, firstRetainer: Uint32Array, slots: Uint32Array, cursor: Uint32Array, options: BuildOptions,
): Promise<Uint32Array> {
  const { nodeCount, firstEdge, edgeToNode } = parsed;
  const next = cursor.subarray(0, nodeCount);
  next.set(firstRetainer.subarray(0, nodeCount));
  for (let from = 0; from < nodeCount; from += CHUNK) {
    fillEdges(firstEdge, edgeToNode, next, slots, from, Math.min(nodeCount, from + CHUNK));
    await pause(options, 'retainer edges', from, nodeCount);
  }
  return slots;
}

function fillEdges(firstEdge: Uint32Array, edgeToNode: Uint32Array, next: Uint32Array, slots: Uint32Array, fromNode: number, toNode: number): void {
  for (let e = firstEdge[fromNode], end = firstEdge[toNode]; e < end; e++) slots[next[edgeToNode[e]]++] = e;
}
