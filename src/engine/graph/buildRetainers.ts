import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, CHUNK, pause } from './buildOptions';
import { EssentialEdges } from './essentialEdges';
import { sharedUint32 } from '../memory/sharedArrays';
import { writtenFirst } from '../memory/writtenFirst';

export interface Retainers {
  firstRetainer: Uint32Array;
  /** One bit per edge ordinal: is it essential (see EssentialEdges)? */
  essential: Uint32Array;
  /** Per retainer slot: the retaining node's ordinal (until retainerEdgesInPlace turns it into edges). */
  retainerNode: Uint32Array;
  /** One bit per retainer slot: is its edge essential (see EssentialEdges)? */
  essentialSlot: Uint32Array;
}

/**
 * The reverse edge index as a counting sort by target: one pass counts each node's retainers,
 * a prefix sum turns counts into slot starts, a second pass fills. Within a node's slice the
 * retainers come in edge order (owner ordinal ascending), which keeps output deterministic.
 *
 * Only the retaining nodes are filled here: that is what the dominators read, and the retaining
 * edges (what the graph keeps) are written over them afterwards by retainerEdgesInPlace, so the
 * two never take memory at the same time, and never during the dominators, the build's peak.
 *
 * The essential-edge bits are decided on the way, in the same pass over the edges
 * (EssentialEdges.markAndFill), and copied into slot order: the dominator pass then reads them
 * sequentially along each node's retainers.
 *
 * The fill cursors are firstRetainer itself: each node's start is advanced as its slots fill,
 * ending at the next node's start, and one shift puts the starts back. No cursor array.
 */
export async function buildRetainers(parsed: ParsedSnapshot, rule: EssentialEdges, options: BuildOptions, shared = false): Promise<Retainers> {
  const { nodeCount, edgeCount, edgeToNode } = parsed;
  // Shared for another thread to turn into edges (see GraphSteps.retainerEdges).
  const retainerNode = shared ? sharedUint32(edgeCount) : new Uint32Array(edgeCount);
  const essentialSlot = writtenFirst(new Uint32Array((edgeCount + 31) >>> 5));
  const phase = 'retainers';
  const total = edgeCount + nodeCount;

  // Counted in place: read before written (see writtenFirst).
  const firstRetainer = writtenFirst(shared ? sharedUint32(nodeCount + 1) : new Uint32Array(nodeCount + 1));
  for (let from = 0; from < edgeCount; from += CHUNK * 4) {
    countRetainers(edgeToNode, firstRetainer, from, Math.min(edgeCount, from + CHUNK * 4));
    await pause(options, phase, from, total);
  }
  // Counts sit one slot to the right: this sum makes firstRetainer[i] node i's start.
  prefixSum(firstRetainer);
  for (let from = 0; from < nodeCount; from += CHUNK) {
    fillRetainers(rule, firstRetainer, retainerNode, essentialSlot, from, Math.min(nodeCount, from + CHUNK));
    await pause(options, phase, edgeCount + from, total);
  }
  // Each start advanced to the next node's: shift them back one place.
  firstRetainer.copyWithin(1, 0, nodeCount);
  firstRetainer[0] = 0;
  return { firstRetainer, essential: rule.bits, retainerNode, essentialSlot };
}

/** In place; kept out of the async function, where V8 would not optimise the loop. */
function prefixSum(a: Uint32Array): void {
  for (let i = 1; i < a.length; i++) a[i] += a[i - 1];
}

/** Counts land one slot to the right so the prefix sum yields slice starts in place. */
function countRetainers(edgeToNode: Uint32Array, counts: Uint32Array, from: number, to: number): void {
  for (let e = from; e < to; e++) counts[edgeToNode[e] + 1]++;
}

/** Kept out of the async function, where V8 would not optimise the loop. */
function fillRetainers(
  rule: EssentialEdges, next: Uint32Array, retainerNode: Uint32Array, essentialSlot: Uint32Array, fromNode: number, toNode: number,
): void {
  for (let v = fromNode; v < toNode; v++) rule.markAndFill(v, next, retainerNode, essentialSlot);
}
