/**
 * The dominator tree top-down as linked child lists: node v's first child is
 * `firstChild[v] - 1` and each child's next sibling `nextSibling[child] - 1` (0 ends a list),
 * children in ascending ordinal order. One pass over `dominator`, against three for a
 * compressed index, at the same 8 bytes per node: cheap enough to build per use instead of
 * keeping it on the graph. The root dominates itself and is nobody's child.
 */
export interface DominatorChildren {
  readonly firstChild: Uint32Array;
  readonly nextSibling: Uint32Array;
}

/** Work memory for the two lists: two arrays of at least one word per node each (contents ignored). */
export type ChildListScratch = readonly [Uint32Array, Uint32Array];

/** `scratch`, if given, holds the lists. */
export function buildDominatorChildren(dominator: Uint32Array, root: number, scratch?: ChildListScratch): DominatorChildren {
  const n = dominator.length;
  const inScratch = scratch !== undefined && scratch[0].length >= n && scratch[1].length >= n;
  const firstChild = inScratch ? scratch[0].subarray(0, n).fill(0) : new Uint32Array(n);
  const nextSibling = inScratch ? scratch[1].subarray(0, n) : new Uint32Array(n);
  nextSibling[root] = 0;
  // Backwards, prepending: each list ends up in ascending order.
  for (let v = n - 1; v >= 0; v--) {
    if (v === root) continue;
    const parent = dominator[v];
    nextSibling[v] = firstChild[parent];
    firstChild[parent] = v + 1;
  }
  return { firstChild, nextSibling };
}
