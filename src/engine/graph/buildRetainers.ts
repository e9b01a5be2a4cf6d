import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, CHUNK, pause } from './buildOptions';

export interface Retainers {
  firstRetainer: Uint32Array;
  retainerEdge: Uint32Array;
  retainerNode: Uint32Array;
}

/**
 * The reverse edge index as a counting sort by target: one pass counts each node's retainers,
 * a prefix sum turns counts into slot starts, a second pass fills. Within a node's slice the
 * retainers come in edge order (owner ordinal ascending), which keeps output deterministic.
 */
export async function buildRetainers(parsed: ParsedSnapshot, options: BuildOptions): Promise<Retainers> {
  const { nodeCount, edgeCount, firstEdge, edgeToNode } = parsed;
  const firstRetainer = new Uint32Array(nodeCount + 1);
  const retainerEdge = new Uint32Array(edgeCount);
  const retainerNode = new Uint32Array(edgeCount);
  const phase = 'retainers';
  const total = edgeCount + nodeCount;

  for (let from = 0; from < edgeCount; from += CHUNK * 4) {
    countRetainers(edgeToNode, firstRetainer, from, Math.min(edgeCount, from + CHUNK * 4));
    await pause(options, phase, from, total);
  }
  prefixSum(firstRetainer);
  // The fill cursor per node; it ends equal to firstRetainer[i + 1].
  const next = firstRetainer.slice(0, nodeCount);
  for (let from = 0; from < nodeCount; from += CHUNK) {
    fillRetainers(firstEdge, edgeToNode, next, retainerEdge, retainerNode, from, Math.min(nodeCount, from + CHUNK));
    await pause(options, phase, edgeCount + from, total);
  }
  return { firstRetainer, retainerEdge, retainerNode };
}

/** In place; kept out of the async function, where V8 would not optimise the loop. */
function prefixSum(a: Uint32Array): void {
  for (let i = 1; i < a.length; i++) a[i] += a[i - 1];
}

/** Counts land one slot to the right so the prefix sum yields slice starts in place. */
function countRetainers(edgeToNode: Uint32Array, counts: Uint32Array, from: number, to: number): void {
  for (let e = from; e < to; e++) counts[edgeToNode[e] + 1]++;
}

function fillRetainers(
  firstEdge: Uint32Array, edgeToNode: Uint32Array, next: Uint32Array, retainerEdge: Uint32Array,
  retainerNode: Uint32Array, fromNode: number, toNode: number,
): void {
  for (let v = fromNode; v < toNode; v++) {
    const end = firstEdge[v + 1];
    for (let e = firstEdge[v]; e < end; e++) {
      const slot = next[edgeToNode[e]]++;
      retainerEdge[slot] = e;
      retainerNode[slot] = v;
    }
  }
}
