import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, PAUSE_MASK, pause } from './buildOptions';

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
  const total = edgeCount * 2;

  // Counts land one slot to the right so the prefix sum yields starts in place.
  for (let e = 0; e < edgeCount; e++) {
    firstRetainer[edgeToNode[e] + 1]++;
    if ((e & PAUSE_MASK) === PAUSE_MASK) await pause(options, phase, e, total);
  }
  for (let i = 0; i < nodeCount; i++) firstRetainer[i + 1] += firstRetainer[i];

  // `next` is the fill cursor per node; it ends equal to firstRetainer[i + 1].
  const next = firstRetainer.slice(0, nodeCount);
  for (let from = 0; from < nodeCount; from++) {
    const end = firstEdge[from + 1];
    for (let e = firstEdge[from]; e < end; e++) {
      const slot = next[edgeToNode[e]]++;
      retainerEdge[slot] = e;
      retainerNode[slot] = from;
    }
    if ((from & PAUSE_MASK) === PAUSE_MASK) await pause(options, phase, edgeCount + end, total);
  }
  return { firstRetainer, retainerEdge, retainerNode };
}
