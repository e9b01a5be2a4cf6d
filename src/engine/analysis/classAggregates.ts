import { HeapGraph } from '../graph/heapGraph';
import { SizeArray } from '../snapshot/parsedSnapshot';
import { ClassIndex } from './classIndex';
import { ChildListScratch, DominatorChildren, buildDominatorChildren } from './dominatorChildren';
import { doubled } from '../memory/doubled';

/**
 * Per class: count, shallow size and retained size, with DevTools' Summary semantics:
 *  - only nodes with a non-zero shallow size count (DevTools folds arrays and hidden nodes owned
 *    by one object into that object, leaving them at zero);
 *  - a class's retained size is the sum of its members' retained sizes, skipping members that sit
 *    below another member of the same class in the dominator tree (they are already inside it).
 * One depth-first walk of the dominator tree does both (see DominatorWalk); the dominator tree
 * spans every node (computeDominators hangs unreached nodes off the root), so every node is
 * counted once. Indexing: node ordinals; classes by ClassIndex ordinal. `include`, when given,
 * restricts the members (e.g. "allocated between snapshots 1 and 2").
 */
export interface ClassAggregates {
  readonly count: Float64Array;
  readonly selfSize: Float64Array;
  readonly retainedSize: Float64Array;
}

/** Nodes visited between checkpoints. */
const CHUNK = 1 << 17;

/** What the sums read of the graph: no edges, so they can run while the retaining edges are written. */
export type AggregatedGraph = Pick<HeapGraph, 'dominator' | 'root' | 'nodeSelfSize' | 'retainedSize'>;

export async function aggregateClasses(
  graph: AggregatedGraph,
  classes: ClassIndex,
  checkpoint: () => Promise<void>,
  include?: Uint8Array,
  scratch?: ChildListScratch,
): Promise<ClassAggregates> {
  // The tree's child lists, built here and dropped on return: the graph does not keep them
  // (8 bytes per node), and building them costs a fraction of the walk. In `scratch` if given
  // (see buildDominatorChildren).
  const children = buildDominatorChildren(graph.dominator, graph.root, scratch);
  await checkpoint();
  const walk = new DominatorWalk(graph, classes, children, include);
  while (!walk.run(CHUNK)) await checkpoint();
  // Not the walk itself: it holds the child lists, which must not outlive this call.
  return { count: walk.count, selfSize: walk.selfSize, retainedSize: walk.retainedSize };
}

/**
 * The walk, iterative with an explicit stack of (node, next child + 1) per open level, as a sync
 * helper run in chunks (V8 optimises loops in async functions poorly). `open[c]` is the stack
 * level (1-based) of the class-c member whose subtree the walk is in, 0 when none: a member
 * counts its retained size only when open[c] is 0. Leaves are never pushed.
 */
class DominatorWalk implements ClassAggregates {
  readonly count: Float64Array;
  readonly selfSize: Float64Array;
  readonly retainedSize: Float64Array;
  private readonly open: Uint32Array;
  private readonly classOf: Uint32Array;
  private readonly self: SizeArray;
  private readonly retained: SizeArray;
  private readonly include: Uint8Array | undefined;
  private readonly firstChild: Uint32Array;
  private readonly nextSibling: Uint32Array;
  private stackNode: Uint32Array = new Uint32Array(1024);
  private stackNext: Uint32Array = new Uint32Array(1024);
  private depth = 0;

  constructor(graph: AggregatedGraph, classes: ClassIndex, children: DominatorChildren, include: Uint8Array | undefined) {
    const n = classes.names.length;
    this.count = new Float64Array(n);
    this.selfSize = new Float64Array(n);
    this.retainedSize = new Float64Array(n);
    this.open = new Uint32Array(n);
    this.classOf = classes.classOf;
    this.self = graph.nodeSelfSize;
    this.retained = graph.retainedSize;
    this.include = include;
    this.firstChild = children.firstChild;
    this.nextSibling = children.nextSibling;
    const root = graph.root;
    const first = this.firstChild[root];
    this.member(root, 1, first !== 0);
    if (first !== 0) this.push(root, first);
  }

  /** Visits up to `budget` more nodes; true once the walk is over. */
  run(budget: number): boolean {
    const { firstChild, nextSibling, open, classOf } = this;
    let { stackNode, stackNext } = this;
    let depth = this.depth;
    while (depth > 0 && budget > 0) {
      const top = depth - 1;
      const next = stackNext[top];
      if (next === 0) {
        const c = classOf[stackNode[top]];
        if (open[c] === depth) open[c] = 0;
        depth--;
        continue;
      }
      const node = next - 1;
      stackNext[top] = nextSibling[node];
      budget--;
      const first = firstChild[node];
      this.member(node, depth + 1, first !== 0);
      if (first === 0) continue;
      if (depth === stackNode.length) {
        this.depth = depth;
        this.push(node, first);
        ({ stackNode, stackNext } = this);
      } else {
        stackNode[depth] = node;
        stackNext[depth] = first;
      }
      depth++;
    }
    this.depth = depth;
    return depth === 0;
  }

  /** Counts `node` if it is a member; it opens its class at `level` if it has children. */
  private member(node: number, level: number, hasChildren: boolean): void {
    const size = this.self[node];
    if (size === 0 || (this.include !== undefined && this.include[node] === 0)) return;
    const c = this.classOf[node];
    this.count[c]++;
    this.selfSize[c] += size;
    if (this.open[c] !== 0) return;
    this.retainedSize[c] += this.retained[node];
    if (hasChildren) this.open[c] = level;
  }

  /** Pushes a level at `this.depth`, growing the stack when full. */
  private push(node: number, first: number): void {
    const d = this.depth;
    if (d === this.stackNode.length) {
      this.stackNode = doubled(this.stackNode);
      this.stackNext = doubled(this.stackNext);
    }
    this.stackNode[d] = node;
    this.stackNext[d] = first;
    this.depth = d + 1;
  }
}
