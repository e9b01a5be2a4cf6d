import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, PAUSE_MASK, pause } from './buildOptions';
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
 * naive link): T. Lengauer and R. E. Tarjan, "A fast algorithm for finding dominators in a
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
  const { nodeCount, firstEdge, edgeToNode } = parsed;
  const { firstRetainer, retainerEdge, retainerNode } = retainers;
  const size = nodeCount + 1;
  const dfnum = new Uint32Array(nodeCount);
  const vertex = new Uint32Array(size);
  const parent = new Uint32Array(size);
  const semi = new Uint32Array(size);
  const label = new Uint32Array(size);
  const ancestor = new Uint32Array(size);
  const idom = new Uint32Array(size);
  const bucketHead = new Uint32Array(size);
  const bucketNext = new Uint32Array(size);
  // The DFS stack (node ordinal, next edge) and later the COMPRESS stack share these buffers.
  const stackNode = new Uint32Array(size);
  const stackEdge = new Uint32Array(size);
  let n = 0;
  const phase = 'dominators';
  const total = nodeCount * 2;

  // Iterative DFS from `start`, whose DFS parent number is `startParent`.
  const dfs = async (start: number, startParent: number): Promise<void> => {
    dfnum[start] = ++n;
    vertex[n] = start;
    parent[n] = startParent;
    let sp = 0;
    stackNode[sp] = start;
    stackEdge[sp++] = firstEdge[start];
    while (sp > 0) {
      const v = stackNode[sp - 1];
      const end = firstEdge[v + 1];
      let e = stackEdge[sp - 1];
      for (; e < end; e++) {
        if ((essential[e >>> 5] & (1 << (e & 31))) === 0) continue;
        const w = edgeToNode[e];
        if (dfnum[w] !== 0) continue;
        dfnum[w] = ++n;
        vertex[n] = w;
        parent[n] = dfnum[v];
        break;
      }
      if (e < end) {
        stackEdge[sp - 1] = e + 1;
        const w = edgeToNode[e];
        stackNode[sp] = w;
        stackEdge[sp++] = firstEdge[w];
        if ((n & PAUSE_MASK) === 0) await pause(options, phase, n, total);
      } else {
        sp--;
      }
    }
  };

  await dfs(root, 0);
  if (n < nodeCount) {
    for (let v = 0; v < nodeCount; v++) {
      if (dfnum[v] !== 0 || hasEssentialRetainer(v)) continue;
      await dfs(v, 1);
    }
  }
  function hasEssentialRetainer(v: number): boolean {
    for (let s = firstRetainer[v]; s < firstRetainer[v + 1]; s++) {
      const e = retainerEdge[s];
      if (essential[e >>> 5] & (1 << (e & 31))) return true;
    }
    return false;
  }

  for (let i = 1; i <= n; i++) semi[i] = label[i] = i;

  // EVAL with path compression; COMPRESS made iterative with stackNode as its stack.
  const evaluate = (v: number): number => {
    if (ancestor[v] === 0) return v;
    let sp = 0;
    let u = v;
    while (ancestor[ancestor[u]] !== 0) {
      stackNode[sp++] = u;
      u = ancestor[u];
    }
    while (sp > 0) {
      const x = stackNode[--sp];
      const a = ancestor[x];
      if (semi[label[a]] < semi[label[x]]) label[x] = label[a];
      ancestor[x] = ancestor[a];
    }
    return label[v];
  };

  for (let w = n; w >= 2; w--) {
    const ord = vertex[w];
    let s = semi[w];
    let preds = 0;
    for (let slot = firstRetainer[ord], end = firstRetainer[ord + 1]; slot < end; slot++) {
      const e = retainerEdge[slot];
      if ((essential[e >>> 5] & (1 << (e & 31))) === 0) continue;
      const v = dfnum[retainerNode[slot]];
      if (v === 0) continue;
      preds++;
      const u = evaluate(v);
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
      const u = evaluate(v);
      idom[v] = semi[u] < semi[v] ? u : p;
    }
    bucketHead[p] = 0;
    if ((w & PAUSE_MASK) === 0) await pause(options, phase, nodeCount + n - w, total);
  }
  idom[1] = 1;
  for (let w = 2; w <= n; w++) {
    if (idom[w] !== semi[w]) idom[w] = idom[idom[w]];
  }

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
