import { HeapGraph } from '../graph/heapGraph';

/**
 * Looks nodes up by V8 snapshot id. Ids are nearly but not strictly ascending in file order, so
 * we keep the ids sorted with their ordinals alongside, and binary
 * search. The permutation is sorted by LSD radix sort (two stable 16-bit passes, O(n)).
 * Indexing: `ids[i]` is the i-th smallest id, `ordinals[i]` its node ordinal.
 */
export class NodeIdIndex {
  private readonly ids: Uint32Array;
  private readonly ordinals: Uint32Array;

  constructor(graph: HeapGraph) {
    const n = graph.nodeCount;
    let order: Uint32Array = new Uint32Array(n);
    let sorted = true;
    for (let i = 0; i < n; i++) {
      order[i] = i;
      if (i > 0 && graph.nodeId[i] < graph.nodeId[i - 1]) sorted = false;
    }
    if (!sorted) order = radixSortByKey(order, graph.nodeId);
    this.ordinals = order;
    this.ids = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.ids[i] = graph.nodeId[order[i]];
  }

  /** The node ordinal with this id, or -1. */
  ordinalOf(id: number): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid];
      if (v === id) return this.ordinals[mid];
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  has(id: number): boolean {
    return this.ordinalOf(id) >= 0;
  }
}

/** Stable LSD radix sort of `order` by `key[order[i]]`, two 16-bit digits. */
function radixSortByKey(order: Uint32Array, key: Uint32Array): Uint32Array {
  let from: Uint32Array = order;
  let to: Uint32Array = new Uint32Array(order.length);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65537);
    for (let i = 0; i < from.length; i++) counts[((key[from[i]] >>> shift) & 0xffff) + 1]++;
    for (let d = 0; d < 65536; d++) counts[d + 1] += counts[d];
    for (let i = 0; i < from.length; i++) to[counts[(key[from[i]] >>> shift) & 0xffff]++] = from[i];
    [from, to] = [to, from];
  }
  return from;
}
