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
 */
export function computeRetainedSizes(shallow: SizeArray, order: Uint32Array, dominatorRank: Uint32Array): SizeArray {
  const count = order.length;
  const byRank = new Float64Array(count);
  for (let k = 0; k < count; k++) byRank[k] = shallow[order[k]];
  for (let k = count - 1; k > 0; k--) byRank[dominatorRank[k]] += byRank[k];
  // The root retains at most every node's shallow size: if that total fits 32 bits, so does every sum.
  const retained = byRank[0] <= 0xffffffff && shallow instanceof Uint32Array ? new Uint32Array(count) : new Float64Array(count);
  for (let k = 0; k < count; k++) retained[order[k]] = byRank[k];
  return retained;
}
