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
 * The root retains every node's shallow size (the dominator tree spans them all), so when that
 * total fits 32 bits so does every sum: the sums are then 32-bit, in `scratch`'s first word per
 * node if given; else doubles, in `scratch` if it has 8 bytes per node (aligned), else fresh.
 * `into`, if given, receives the result when 32 bits suffice; it may be `dominatorRank` itself,
 * which is read only before the result is written.
 */
export function computeRetainedSizes(
  shallow: SizeArray, order: Uint32Array, dominatorRank: Uint32Array, scratch?: Uint32Array, into?: Uint32Array,
): SizeArray {
  const count = order.length;
  const fits = total(shallow) <= 0xffffffff;
  const byRank = fits
    ? (scratch && scratch.length >= count ? scratch.subarray(0, count) : new Uint32Array(count))
    : scratch && scratch.byteOffset % 8 === 0 && scratch.byteLength >= count * 8
      ? new Float64Array(scratch.buffer, scratch.byteOffset, count)
      : new Float64Array(count);
  gather(byRank, shallow, order);
  sumIntoDominators(byRank, dominatorRank);
  const retained = !fits ? new Float64Array(count) : into && into.length >= count ? into.subarray(0, count) : new Uint32Array(count);
  scatter(retained, byRank, order);
  return retained;
}

// One loop per function: V8 optimises each while it runs, with feedback from that loop alone;
// a second loop in the same function would find none and drop back to unoptimised code.

function total(shallow: SizeArray): number {
  let sum = 0;
  for (let i = 0; i < shallow.length; i++) sum += shallow[i];
  return sum;
}

function gather(byRank: SizeArray, shallow: SizeArray, order: Uint32Array): void {
  for (let k = 0; k < byRank.length; k++) byRank[k] = shallow[order[k]];
}

function sumIntoDominators(byRank: SizeArray, dominatorRank: Uint32Array): void {
  for (let k = byRank.length - 1; k > 0; k--) byRank[dominatorRank[k]] += byRank[k];
}

function scatter(retained: SizeArray, byRank: SizeArray, order: Uint32Array): void {
  for (let k = 0; k < byRank.length; k++) retained[order[k]] = byRank[k];
}
