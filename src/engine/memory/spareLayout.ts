/**
 * The layout of the build's spare work array: the dominators' state once they are done with it
 * (Dominators.spare, 3 words per node + 3; shared memory when the helper thread takes part). The
 * steps after the dominators work in it instead of fresh memory, which would add to the build's
 * peak until the garbage collector got round to the old (and on a virtual machine, the first
 * touch of fresh pages is what costs). Where the steps run after the dominators (LocalSteps, and
 * the helper thread's low-memory schedule), their results stay in it too, so nothing per node is
 * allocated after the dominators at all. Its thirds, each one word per node:
 *
 *   first   the shallow sizes' owners, then the retained sizes' sums (32-bit; as doubles over the
 *           first two thirds when the sizes' total passes 2^32, which only happens when the
 *           shallow sizes are not in the second third), then the summary's first-child lists
 *           (with the spent DFS order for the sibling lists), then the distances.
 *   second  the shallow sizes.
 *   third   the retaining edges' fill cursors (+3 words); once the edges are written, the classes.
 *
 * In the parallel schedule the helper thread computed the shallow sizes, distances and classes
 * during the dominators, in arrays of their own, and only the first third's temporaries and the
 * cursors are used.
 */
export function spareFirst(spare: Uint32Array, nodeCount: number): Uint32Array {
  return spare.subarray(0, nodeCount);
}

/** The first two thirds: the retained sizes' sums, 32-bit in the first or as doubles over both (see spareFirst). */
export function spareSums(spare: Uint32Array, nodeCount: number): Uint32Array {
  return spare.subarray(0, nodeCount * 2);
}

/** Where the shallow sizes go when computed after the dominators (see spareFirst). */
export function spareSecond(spare: Uint32Array, nodeCount: number): Uint32Array {
  return spare.subarray(nodeCount, nodeCount * 2);
}

/** The third where the retaining edges' fill cursors go, then the classes (see spareFirst). */
export function spareCursors(spare: Uint32Array, nodeCount: number): Uint32Array {
  return spare.subarray(nodeCount * 2);
}
