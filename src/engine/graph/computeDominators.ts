import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, CHUNK, pause } from './buildOptions';
import { NODE_FLAG_UNREACHABLE } from './heapGraph';
import { Retainers } from './buildRetainers';

export interface Dominators {
  /** Immediate dominator per node ordinal; the root's is itself. */
  dominator: Uint32Array;
  /**
   * Node ordinals in DFS preorder (dominators before what they dominate), then the unreachable
   * nodes; `order.length === nodeCount`. Walking it backwards visits children before parents.
   */
  order: Uint32Array;
}

/**
 * Immediate dominators by the Lengauer–Tarjan algorithm, "simple" version (path compression,
 * naive LINK): T. Lengauer and R. E. Tarjan, "A fast algorithm for finding dominators in a
 * flowgraph", ACM TOPLAS 1(1):121–141, 1979. Fully iterative: the DFS keeps an explicit stack of
 * (node, next edge), and COMPRESS walks up with an explicit stack, so a 1 M-node chain is fine.
 *
 * Indexing: the algorithm works on DFS numbers 1..n (0 means "none", as in the paper); every
 * per-vertex array (parent, semi, label, ancestor, idom, bucket links) is indexed by DFS number
 * and holds DFS numbers. `vertex[i]` maps number → node ordinal, `dfnum[ordinal]` the reverse.
 *
 * The flowgraph is DevTools' (so retained sizes match): only edges whose bit is set in
 * `essential` (see essentialEdges), plus a virtual edge root → v for every "orphan" v, a node
 * with no essential retainer at all (e.g. only weakly held). What is still unreached after that
 * (cycles held only by each other) gets the root as immediate dominator and is left out of the
 * flowgraph entirely: its edges do not affect anyone else's dominator. That is exactly what
 * DevTools' numbering of those nodes leads to.
 */
export async function computeDominators(
  parsed: ParsedSnapshot, retainers: Retainers, essential: Uint32Array, root: number, flags: Uint8Array,
  options: BuildOptions,
): Promise<Dominators> {
  const { nodeCount } = parsed;
  const lt = new LengauerTarjan(parsed, retainers, essential);
  const phase = 'dominators';
  const total = nodeCount * 2;

  lt.startDfs(root, 0);
  while (!lt.dfs(CHUNK)) await pause(options, phase, lt.n, total);
  if (lt.n < nodeCount) {
    for (let v = 0; v < nodeCount; v++) {
      if (lt.dfnum[v] !== 0 || lt.hasEssentialRetainer(v)) continue;
      lt.startDfs(v, 1);
      while (!lt.dfs(CHUNK)) await pause(options, phase, lt.n, total);
    }
  }
  const n = lt.n;
  lt.initLabels();
  for (let w = n; w >= 2; w -= CHUNK) {
    lt.semidominators(w, Math.max(1, w - CHUNK));
    await pause(options, phase, nodeCount + n - w, total);
  }
  const idom = lt.finishIdoms();

  const { vertex, dfnum } = lt;
  const dominator = new Uint32Array(nodeCount);
  const order = new Uint32Array(nodeCount);
  for (let i = 1; i <= n; i++) {
    const ord = vertex[i];
    dominator[ord] = vertex[idom[i]];
    order[i - 1] = ord;
  }
  let k = n;
  for (let v = 0; v < nodeCount; v++) {
    if (dfnum[v] !== 0) continue;
    dominator[v] = root;
    order[k++] = v;
    flags[v] |= NODE_FLAG_UNREACHABLE;
  }
  return { dominator, order };
}

/** The algorithm's state, in typed arrays indexed by DFS number (see computeDominators). */
class LengauerTarjan {
  readonly dfnum: Uint32Array;
  readonly vertex: Uint32Array;
  private readonly parent: Uint32Array;
  private readonly semi: Uint32Array;
  private readonly label: Uint32Array;
  private readonly ancestor: Uint32Array;
  private readonly idom: Uint32Array;
  private readonly bucketHead: Uint32Array;
  private readonly bucketNext: Uint32Array;
  // The DFS stack (node ordinal, next edge); stackNode is reused as COMPRESS's stack afterwards.
  private readonly stackNode: Uint32Array;
  private readonly stackEdge: Uint32Array;
  private sp = 0;
  n = 0;

  constructor(private readonly parsed: ParsedSnapshot, private readonly retainers: Retainers, private readonly essential: Uint32Array) {
    const size = parsed.nodeCount + 1;
    this.dfnum = new Uint32Array(parsed.nodeCount);
    this.vertex = new Uint32Array(size);
    this.parent = new Uint32Array(size);
    this.semi = new Uint32Array(size);
    this.label = new Uint32Array(size);
    this.ancestor = new Uint32Array(size);
    this.idom = new Uint32Array(size);
    this.bucketHead = new Uint32Array(size);
    this.bucketNext = new Uint32Array(size);
    this.stackNode = new Uint32Array(size);
    this.stackEdge = new Uint32Array(size);
  }

  hasEssentialRetainer(v: number): boolean {
    const { firstRetainer, retainerEdge } = this.retainers;
    for (let s = firstRetainer[v]; s < firstRetainer[v + 1]; s++) {
      const e = retainerEdge[s];
      if (this.essential[e >>> 5] & (1 << (e & 31))) return true;
    }
    return false;
  }

  /** Numbers `start` and makes it the DFS's starting point, with DFS parent `parentNumber`. */
  startDfs(start: number, parentNumber: number): void {
    const n = ++this.n;
    this.dfnum[start] = n;
    this.vertex[n] = start;
    this.parent[n] = parentNumber;
    this.stackNode[0] = start;
    this.stackEdge[0] = this.parsed.firstEdge[start];
    this.sp = 1;
  }

  /** Numbers up to `budget` more nodes in DFS preorder over essential edges; true when done. */
  dfs(budget: number): boolean {
    const { firstEdge, edgeToNode } = this.parsed;
    const { essential, dfnum, vertex, parent, stackNode, stackEdge } = this;
    let sp = this.sp;
    let n = this.n;
    const stop = n + budget;
    while (sp > 0 && n < stop) {
      const v = stackNode[sp - 1];
      const end = firstEdge[v + 1];
      let e = stackEdge[sp - 1];
      let w = 0;
      for (; e < end; e++) {
        if ((essential[e >>> 5] & (1 << (e & 31))) === 0) continue;
        w = edgeToNode[e];
        if (dfnum[w] === 0) break;
      }
      if (e < end) {
        dfnum[w] = ++n;
        vertex[n] = w;
        parent[n] = dfnum[v];
        stackEdge[sp - 1] = e + 1;
        stackNode[sp] = w;
        stackEdge[sp++] = firstEdge[w];
      } else {
        sp--;
      }
    }
    this.sp = sp;
    this.n = n;
    return sp === 0;
  }

  initLabels(): void {
    const { semi, label } = this;
    for (let i = 1; i <= this.n; i++) semi[i] = label[i] = i;
  }

  /**
   * Steps 2 and 3 of the paper for vertices w = from down to (excluding) `downTo`: semidominator
   * from the predecessors, into the bucket of semi(w), LINK(parent(w), w), then implicitly define
   * idom for the bucket of parent(w).
   */
  semidominators(from: number, downTo: number): void {
    const { firstRetainer, retainerEdge, retainerNode } = this.retainers;
    const { essential, dfnum, vertex, parent, semi, label, ancestor, idom, bucketHead, bucketNext, stackNode } = this;
    for (let w = from; w > downTo; w--) {
      const ord = vertex[w];
      let s = semi[w];
      let preds = 0;
      for (let slot = firstRetainer[ord], end = firstRetainer[ord + 1]; slot < end; slot++) {
        const e = retainerEdge[slot];
        if ((essential[e >>> 5] & (1 << (e & 31))) === 0) continue;
        const v = dfnum[retainerNode[slot]];
        if (v === 0) continue;
        preds++;
        const u = evaluate(v, ancestor, label, semi, stackNode);
        if (semi[u] < s) s = semi[u];
      }
      // An orphan's only predecessor is the virtual edge from the root.
      if (preds === 0) s = 1;
      semi[w] = s;
      bucketNext[w] = bucketHead[s];
      bucketHead[s] = w;
      const p = parent[w];
      ancestor[w] = p;
      for (let v = bucketHead[p]; v !== 0; v = bucketNext[v]) {
        const u = evaluate(v, ancestor, label, semi, stackNode);
        idom[v] = semi[u] < semi[v] ? u : p;
      }
      bucketHead[p] = 0;
    }
  }

  /** Step 4: explicit idoms in increasing DFS order. */
  finishIdoms(): Uint32Array {
    const { idom, semi } = this;
    idom[1] = 1;
    for (let w = 2; w <= this.n; w++) {
      if (idom[w] !== semi[w]) idom[w] = idom[idom[w]];
    }
    return idom;
  }
}

/** EVAL with path compression; COMPRESS made iterative with `stack`. */
function evaluate(v: number, ancestor: Uint32Array, label: Uint32Array, semi: Uint32Array, stack: Uint32Array): number {
  if (ancestor[v] === 0) return v;
  let sp = 0;
  let u = v;
  while (ancestor[ancestor[u]] !== 0) {
    stack[sp++] = u;
    u = ancestor[u];
  }
  while (sp > 0) {
    const x = stack[--sp];
    const a = ancestor[x];
    if (semi[label[a]] < semi[label[x]]) label[x] = label[a];
    ancestor[x] = ancestor[a];
  }
  return label[v];
}
