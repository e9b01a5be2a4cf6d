import { HeapGraph } from '../graph/heapGraph';

/** What the ranking reads of the graph: it can run on another thread once retained sizes are summed. */
export type RankedGraph = Pick<HeapGraph, 'retainedSize' | 'nodeType' | 'nodeCount' | 'root' | 'types'>;

/**
 * The `limit` nodes with the largest retained size, largest first (node ordinals). Synthetic
 * nodes (the root, "(GC roots)" and its groups) are left out: they are bookkeeping, not objects.
 * A bounded min-heap keeps this O(n log limit).
 */
export function topObjectsByRetainedSize(graph: RankedGraph, limit: number): number[] {
  if (limit <= 0) return [];
  const heap: number[] = [];
  const size = graph.retainedSize;
  const less = (a: number, b: number) => size[a] < size[b] || (size[a] === size[b] && a > b);
  const synthetic = graph.types.synthetic;
  // Locals, not property reads per node: this scans every node. Once the heap is full, a node
  // must beat its smallest (kept in locals too) to get in: most fail that one comparison.
  const { nodeType, nodeCount, root } = graph;
  let minSize = -1;
  let minNode = -1;
  for (let node = 0; node < nodeCount; node++) {
    const s = size[node];
    if (s < minSize || (s === minSize && node > minNode)) continue;
    if (nodeType[node] === synthetic || node === root) continue;
    if (heap.length < limit) {
      heap.push(node);
      siftUp(heap, heap.length - 1, less);
      if (heap.length < limit) continue;
    } else {
      heap[0] = node;
      siftDown(heap, 0, less);
    }
    minNode = heap[0];
    minSize = size[minNode];
  }
  return heap.sort((a, b) => (less(a, b) ? 1 : less(b, a) ? -1 : 0));
}

function siftUp(heap: number[], i: number, less: (a: number, b: number) => boolean): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function siftDown(heap: number[], i: number, less: (a: number, b: number) => boolean): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && less(heap[l], heap[m])) m = l;
    if (r < heap.length && less(heap[r], heap[m])) m = r;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m], heap[i]];
    i = m;
  }
}
