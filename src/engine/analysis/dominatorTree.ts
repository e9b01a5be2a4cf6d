import { buildDominatorChildren } from './dominatorChildren';

/**
 * The dominator tree numbered once, so that "does a dominate b" is two comparisons instead of a
 * walk up b's dominator chain (which is as long as the graph on a linked list, and was capped
 * at arbitrary step counts). Each node gets its preorder number in the tree (`enter`) and the
 * last preorder number in its subtree (`exit`): a dominates b exactly when
 * enter[a] ≤ enter[b] ≤ exit[a] (the parenthesis theorem of depth-first search: Cormen, Leiserson,
 * Rivest and Stein, "Introduction to Algorithms", theorem 22.7). Built by one iterative DFS over the child
 * lists (dominatorChildren.ts), linear in the node count; indices are node ordinals, the root
 * dominates itself and every node's chain ends there (unreachable nodes hang off the root).
 * Keeps 8 bytes per node.
 */
export class DominatorTree {
  private readonly enter: Uint32Array;
  private readonly exit: Uint32Array;

  constructor(dominator: Uint32Array, readonly root: number) {
    const n = dominator.length;
    const { firstChild, nextSibling } = buildDominatorChildren(dominator, root);
    this.enter = new Uint32Array(n);
    this.exit = new Uint32Array(n);
    // The DFS consumes firstChild as each node's cursor into its child list.
    const stack = new Uint32Array(n);
    let top = 0;
    let counter = 0;
    stack[top++] = root;
    this.enter[root] = counter++;
    while (top > 0) {
      const v = stack[top - 1];
      const next = firstChild[v];
      if (next !== 0) {
        const child = next - 1;
        firstChild[v] = nextSibling[child];
        this.enter[child] = counter++;
        stack[top++] = child;
      } else {
        this.exit[v] = counter - 1;
        top--;
      }
    }
  }

  /** True when `ancestor` dominates `node` (every node dominates itself; the root dominates all). */
  dominates(ancestor: number, node: number): boolean {
    const at = this.enter[node];
    return this.enter[ancestor] <= at && at <= this.exit[ancestor];
  }

  /**
   * The distinct nodes of `nodes` that no other of them dominates, in tree preorder: what a set's
   * retained size sums without counting a nested member twice. The root nests nothing here (a
   * set holding it keeps its other members). One sort, then one sweep over the intervals.
   */
  outermost(nodes: Iterable<number>): number[] {
    const sorted = [...new Set(nodes)].sort((a, b) => this.enter[a] - this.enter[b]);
    const out: number[] = [];
    let coveredTo = -1;
    for (const node of sorted) {
      if (this.enter[node] <= coveredTo) continue;
      out.push(node);
      if (node !== this.root) coveredTo = this.exit[node];
    }
    return out;
  }
}
