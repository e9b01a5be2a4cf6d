import { HeapGraph } from '../graph/heapGraph';
import { ClassIndex } from './classIndex';

/**
 * Per class: count, shallow size and retained size, with DevTools' Summary semantics:
 *  - only nodes with a non-zero shallow size count (DevTools folds arrays and hidden nodes owned
 *    by one object into that object, leaving them at zero);
 *  - a class's retained size is the sum of its members' retained sizes, skipping members that sit
 *    below another member of the same class in the dominator tree (they are already inside it).
 * The second rule walks the dominator tree depth first (iteratively, an explicit stack of
 * (node, next-child cursor) pairs), counting per class how many counted ancestors are open.
 * Indexing: node ordinals; classes by ClassIndex ordinal. `include`, when given, restricts the
 * members (e.g. "allocated between snapshots 1 and 2").
 */
export interface ClassAggregates {
  readonly count: Float64Array;
  readonly selfSize: Float64Array;
  readonly retainedSize: Float64Array;
}

export async function aggregateClasses(
  graph: HeapGraph,
  classes: ClassIndex,
  checkpoint: () => Promise<void>,
  include?: Uint8Array,
): Promise<ClassAggregates> {
  const n = classes.names.length;
  const count = new Float64Array(n);
  const selfSize = new Float64Array(n);
  const retainedSize = new Float64Array(n);
  const { classOf } = classes;
  const self = graph.nodeSelfSize;
  for (let node = 0; node < graph.nodeCount; node++) {
    if (self[node] === 0 || (include && !include[node])) continue;
    count[classOf[node]]++;
    selfSize[classOf[node]] += self[node];
  }

  const open = new Uint32Array(n);
  const stackNode = new Uint32Array(graph.nodeCount);
  const stackCursor = new Uint32Array(graph.nodeCount);
  const counted = new Uint8Array(graph.nodeCount);
  const { firstDominated, dominatedNodes, retainedSize: retained } = graph;
  let depth = 0;
  let visited = 0;
  const enter = (node: number) => {
    const c = classOf[node];
    if (self[node] !== 0 && open[c] === 0 && (!include || include[node])) {
      retainedSize[c] += retained[node];
      counted[node] = 1;
      open[c]++;
    }
    stackNode[depth] = node;
    stackCursor[depth] = firstDominated[node];
    depth++;
  };
  enter(graph.root);
  while (depth > 0) {
    const top = depth - 1;
    const node = stackNode[top];
    if (stackCursor[top] < firstDominated[node + 1]) {
      const child = dominatedNodes[stackCursor[top]++];
      if (child !== node) enter(child);
      if ((++visited & 0xffff) === 0) await checkpoint();
    } else {
      if (counted[node]) open[classOf[node]]--;
      depth--;
    }
  }
  return { count, selfSize, retainedSize };
}
