/**
 * The layout of the build's spare work array: the dominators' state once they are done with it
 * (Dominators.spare, 3 words per node + 3; shared memory when the helper thread takes part). The
 * steps after the dominators work in it instead of fresh memory, which would add to the build's
 * peak until the garbage collector got round to the old (and on a virtual machine, the first
 * touch of fresh pages is what costs). Its node-sized parts:
 *
 *   [0, 2n)   the build's own temporaries, one step at a time: the retained sizes' sums (as
 *             doubles, so 8-byte aligned at its start), then the caller's summary (the dominator
 *             children lists, two words per node); with no other thread, also the shallow sizes'
 *             owners, the distances' queue and the retaining edges' fill cursors, each before the
 *             next step starts.
 *   [2n, 3n+3) the retaining edges' fill cursors when another thread writes those edges: it works
 *             there while this thread goes on in the first part.
 */
export function spareWork(spare: Uint32Array, nodeCount: number): Uint32Array {
  return spare.subarray(0, nodeCount * 2);
}

/** The third where another thread keeps the retaining edges' fill cursors (see spareWork). */
export function spareCursors(spare: Uint32Array, nodeCount: number): Uint32Array {
  return spare.subarray(nodeCount * 2);
}
