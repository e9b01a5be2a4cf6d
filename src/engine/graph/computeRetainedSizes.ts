import { SizeArray } from '../snapshot/parsedSnapshot';

/**
 * Retained size = own shallow size + retained sizes of the nodes it immediately dominates.
 * Accumulated bottom-up over the dominator tree without recursion: `order` lists every node after
 * its immediate dominator (DFS preorder, see computeDominators), so walking it backwards is a
 * post-order for this purpose: each node is complete before it is added to its dominator.
 *
 * The sums run in rank space (position in `order`): a node's dominator is usually a recent
 * ancestor in the DFS, so `byRank` is touched near the current position instead of at random
 * ordinals; one gather before and one scatter after are the only random accesses.
 * `scratch`, if given and at least 8 bytes per node, holds those sums (contents ignored).
 * `into`, if given, receives the result when 32 bits suffice; it may be `dominatorRank` itself,
 * which is read only before the result is written.
 */
export function computeRetainedSizes(
  shallow: SizeArray, order: Uint32Array, dominatorRank: Uint32Array, scratch?: Uint32Array, into?: Uint32Array,
): SizeArray {
  const count = order.length;
  const byRank = scratch && scratch.byteOffset % 8 === 0 && scratch.byteLength >= count * 8
    ? new Float64Array(scratch.buffer, scratch.byteOffset, count)
    : new Float64Array(count);
  gather(byRank, shallow, order);
  sumIntoDominators(byRank, dominatorRank);
  // The root retains at most every node's shallow size: if that total fits 32 bits, so does every sum.
  const fits = byRank[0] <= 0xffffffff;
  const retained = !fits ? new Float64Array(count) : into && into.length >= count ? into.subarray(0, count) : new Uint32Array(count);
  scatter(retained, byRank, order);
  return retained;
}

// One loop per function: V8 optimises each while it runs, with feedback from that loop alone;
// a second loop in the same function would find none and drop back to unoptimised code.

function gather(byRank: Float64Array, shallow: SizeArray, order: Uint32Array): void {
  for (let k = 0; k < byRank.length; k++) byRank[k] = shallow[order[k]];
}

function sumIntoDominators(byRank: Float64Array, dominatorRank: Uint32Array): void {
  for (let k = byRank.length - 1; k > 0; k--) byRank[dominatorRank[k]] += byRank[k];
}

function scatter(retained: SizeArray, byRank: Float64Array, order: Uint32Array): void {
  for (let k = 0; k < byRank.length; k++) retained[order[k]] = byRank[k];
}
