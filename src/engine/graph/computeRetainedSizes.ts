/**
 * Retained size = own shallow size + retained sizes of the nodes it immediately dominates.
 * Accumulated bottom-up over the dominator tree without recursion: `order` lists every node after
 * its immediate dominator (DFS preorder, see computeDominators), so walking it backwards is a
 * post-order for this purpose: each node is complete before it is added to its dominator.
 */
export function computeRetainedSizes(
  shallow: Float64Array, dominator: Uint32Array, order: Uint32Array, root: number,
): Float64Array {
  const retained = shallow.slice();
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    if (v !== root) retained[dominator[v]] += retained[v];
  }
  return retained;
}
