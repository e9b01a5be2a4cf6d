import type { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import type { Retainers } from './buildRetainers';
import type { Dominators } from './computeDominators';
import { NODE_FLAG_UNREACHABLE } from './heapGraph';
import { sharedUint32 } from '../memory/sharedArrays';
import { writtenFirst } from '../memory/writtenFirst';

/**
 * The algorithm's state, indexed by DFS number (see computeDominators). The forest's ancestor
 * and label of one vertex sit side by side in `al` (stride 2): EVAL walks random vertices, and
 * one cache line per vertex for both is what makes it fast on 10 M-node heaps. `semi` and
 * `parent` are arrays of their own: EVAL reads the semi of a label (another vertex, so another
 * cache line whichever array holds it), and the main loops read both in DFS order.
 *
 * Memory, 6 words per node: dfnum, vertex, semi, and one array of 3 (`al` then `parent`) that is
 * the build's spare once the idoms are known. Each result is written over an input it no longer
 * needs: the idoms over `semi` (SEMI-NCA reads only the current vertex's semi and the idoms below
 * it; the bucket version keeps them over `parent`, read only when a vertex is linked, then moves
 * them), the dominators over `dfnum`, the order over `vertex`, the ranks over the idoms.
 */
const ANCESTOR = 0, LABEL = 1;

export class LengauerTarjan {
  readonly dfnum: Uint32Array;
  readonly vertex: Uint32Array;
  /** Ancestors and labels (stride 2), then the DFS parents: see `spare`. */
  private readonly st: Uint32Array;
  private readonly al: Uint32Array;
  /** The DFS parent by number; in the bucket version, each vertex's idom once it is linked. */
  private readonly parent: Uint32Array;
  /** Semidominator by number; then the idoms (see ncaIdoms, finishIdoms). */
  private readonly semi: Uint32Array;
  /** `al` and `parent` in one array, once the idoms are found: nothing reads it after. */
  get spare(): Uint32Array {
    return this.st;
  }
  /**
   * What `semi` holds for DFS number w: its semidominator after a semidominators pass, its idom
   * after ncaIdoms got that far or after finishIdoms. For tests of the fallback's recomputation.
   */
  semiOf(w: number): number {
    return this.semi[w];
  }
  /** Only for the fallback (see computeDominators); allocated when it runs. */
  private bucketHead = new Uint32Array(0);
  private bucketNext = new Uint32Array(0);
  /** Per edge: is it essential? Read along each node's edges by the DFS. */
  private readonly essential: Uint32Array;
  /** Per retainer slot: is its edge essential? Read along retainers, unlike the per-edge bits. */
  private readonly essentialSlot: Uint32Array;
  /**
   * The DFS has no stack of its own: the path from its start is the DFS parents (`parent`, by
   * number), and each vertex on it keeps its next edge in its ancestor slot of `al`, which
   * nothing reads before step 2 and which is set back to 0 (unlinked) as the vertex is left.
   * Why: a stack as deep as the graph (a long chain) cost 8 bytes a level, 268 MB at 21 M nodes,
   * at the build's peak. `top` is the current vertex's number, 0 once done; `base` the start's.
   */
  private top = 0;
  private base = 0;
  private depth = 0;
  /** The deepest the DFS went: bounds COMPRESS's walk, which only climbs DFS-tree ancestors. */
  private maxDepth = 1;
  /** COMPRESS's stack, allocated for the depth once the DFS is done (see compressStack). */
  private pathStack = new Uint32Array(0);
  n = 0;
  /**
   * The vertices from here up keep the semidominator the first pass found (see resetForest);
   * below it, ncaIdoms wrote idoms over them before it gave up.
   */
  private semisKnownFrom = Number.POSITIVE_INFINITY;

  constructor(private readonly parsed: ParsedSnapshot, private readonly retainers: Retainers, shared: boolean) {
    const size = parsed.nodeCount + 1;
    // The DFS reads a node's number before it writes it (see writtenFirst).
    this.dfnum = writtenFirst(new Uint32Array(parsed.nodeCount));
    this.vertex = new Uint32Array(size);
    // Shared if another thread is to work in part of the spare, or read the retained sizes
    // that are summed over the ranks (which end up in `semi`).
    this.st = shared ? sharedUint32(size * 3) : new Uint32Array(size * 3);
    this.al = this.st.subarray(0, size * 2);
    this.parent = this.st.subarray(size * 2);
    this.semi = shared ? sharedUint32(size) : new Uint32Array(size);
    this.essential = retainers.essential;
    this.essentialSlot = retainers.essentialSlot;
  }

  /** The first not-yet-numbered node at or after `from` with no essential retainer, else nodeCount. */
  nextOrphan(from: number): number {
    const { firstRetainer } = this.retainers;
    const { dfnum, essentialSlot } = this;
    const nodeCount = dfnum.length;
    for (let v = from; v < nodeCount; v++) {
      if (dfnum[v] !== 0) continue;
      let held = false;
      for (let s = firstRetainer[v], end = firstRetainer[v + 1]; s < end && !held; s++) {
        held = (essentialSlot[s >>> 5] & (1 << (s & 31))) !== 0;
      }
      if (!held) return v;
    }
    return nodeCount;
  }

  /** Numbers `start` and makes it the DFS's starting point, with DFS parent `parentNumber`. */
  startDfs(start: number, parentNumber: number): void {
    const n = ++this.n;
    this.dfnum[start] = n;
    this.vertex[n] = start;
    this.parent[n] = parentNumber;
    this.semi[n] = this.al[n * 2 + LABEL] = n;
    this.al[n * 2 + ANCESTOR] = this.parsed.firstEdge[start];
    this.top = this.base = n;
    this.depth = 1;
  }

  /** Numbers up to `budget` more nodes in DFS preorder over essential edges; true when done. */
  dfs(budget: number): boolean {
    const { firstEdge, edgeToNode } = this.parsed;
    const { essential, dfnum, vertex, al, semi, parent, base } = this;
    let { top, depth } = this;
    let n = this.n;
    const stop = n + budget;
    while (top !== 0 && n < stop) {
      const v = vertex[top];
      const end = firstEdge[v + 1];
      let e = al[top * 2 + ANCESTOR];
      let w = 0;
      for (; e < end; e++) {
        if ((essential[e >>> 5] & (1 << (e & 31))) === 0) continue;
        w = edgeToNode[e];
        if (dfnum[w] === 0) break;
      }
      if (e < end) {
        dfnum[w] = ++n;
        vertex[n] = w;
        // Step 2's starting state too (its own label and semi, unlinked: the arrays are fresh),
        // written while the DFS goes through the numbers in order anyway.
        parent[n] = top;
        semi[n] = al[n * 2 + LABEL] = n;
        al[top * 2 + ANCESTOR] = e + 1;
        al[n * 2 + ANCESTOR] = firstEdge[w];
        top = n;
        depth++;
      } else {
        if (depth > this.maxDepth) this.maxDepth = depth;
        // Unlinked again, as step 2 expects.
        al[top * 2 + ANCESTOR] = 0;
        top = top === base ? 0 : parent[top];
        depth--;
      }
    }
    this.top = top;
    this.depth = depth;
    this.n = n;
    return top === 0;
  }

  /**
   * For the fallback, after ncaIdoms gave up: no vertex linked, each its own label. The semis it
   * had not yet overwritten are final: replaying LINK and EVAL in the same order with them gives
   * what the one-pass algorithm gives (EVAL only reads vertices already linked, whose semis were
   * final then too), so for those vertices the second pass skips the predecessors, the random
   * reads that cost most; the others (below semisKnownFrom) are computed again.
   */
  resetForest(): void {
    const { al } = this;
    for (let i = 1; i <= this.n; i++) {
      al[i * 2 + LABEL] = i;
      al[i * 2 + ANCESTOR] = 0;
    }
  }

  /**
   * Step 2 of the paper for vertices w = from down to (excluding) `downTo`: semidominator from
   * the predecessors, then LINK(parent(w), w). With `buckets`, also step 3: w into the bucket of
   * semi(w), and idom implicitly defined for the bucket of parent(w) (kept over `parent`, which
   * nothing reads for a linked vertex). Without, idoms come from ncaIdoms afterwards (the
   * SEMI-NCA variant: L. Georgiadis, "Linear-time algorithms for dominators and related
   * problems", PhD thesis, Princeton 2005; measured faster than the bucket version in
   * L. Georgiadis, R. E. Tarjan, R. F. Werneck, "Finding dominators in practice", JGAA 10(1),
   * 2006), with no bucket arrays at all.
   */
  semidominators(from: number, downTo: number, buckets: boolean): void {
    const { firstRetainer, retainerNode } = this.retainers;
    if (buckets && this.bucketHead.length === 0) {
      this.bucketHead = new Uint32Array(this.semi.length);
      this.bucketNext = new Uint32Array(this.semi.length);
    }
    const { essentialSlot, dfnum, vertex, al, semi, parent, bucketHead, bucketNext, semisKnownFrom } = this;
    const stackNode = this.compressStack();
    for (let w = from; w > downTo; w--) {
      const p = parent[w];
      let s = semi[w];
      if (w < semisKnownFrom) {
        const ord = vertex[w];
        const first = firstRetainer[ord];
        const last = firstRetainer[ord + 1];
        s = w;
        let preds = 0;
        if (last - first === 1 && (essentialSlot[first >>> 5] & (1 << (first & 31))) !== 0) {
          // Three in four nodes of a real heap have one retainer. If it is essential it is the edge
          // the DFS reached w by (w is no orphan), so it comes from parent(w), numbered below w:
          // semi(w) = parent(w) without the two random reads (retaining node, its number).
          s = p;
          preds = 1;
        } else for (let slot = first, end = last; slot < end; slot++) {
          if ((essentialSlot[slot >>> 5] & (1 << (slot & 31))) === 0) continue;
          const v = dfnum[retainerNode[slot]];
          if (v === 0) continue;
          preds++;
          // A predecessor numbered below w is not processed yet: EVAL would return it unchanged
          // and its semi is still its own number, so skip the random access to its state.
          const su = v < w ? v : semi[evaluate(v, al, semi, stackNode)];
          if (su < s) s = su;
        }
        // An orphan's only predecessor is the virtual edge from the root.
        if (preds === 0) s = 1;
        semi[w] = s;
      }
      al[w * 2 + ANCESTOR] = p;
      if (!buckets) continue;
      bucketNext[w] = bucketHead[s];
      bucketHead[s] = w;
      for (let v = bucketHead[p]; v !== 0; v = bucketNext[v]) {
        const u = evaluate(v, al, semi, stackNode);
        parent[v] = semi[u] < semi[v] ? u : p;
      }
      bucketHead[p] = 0;
    }
  }

  /**
   * SEMI-NCA's second pass: idom(w) is the nearest common ancestor, in the dominator tree built so
   * far, of parent(w) and semi(w); walking up from parent(w) while above semi(w) finds it. In
   * increasing DFS order, so every idom the walk reads is final; each is written over the semi
   * just read. False (idoms incomplete) as soon as the walk has taken more than `slack` +
   * `perVertex` steps per vertex done.
   */
  ncaIdoms(slack: number, perVertex: number): boolean {
    const { semi, parent } = this;
    // The root's semi is its own number: its idom, by convention.
    let steps = 0;
    for (let w = 2; w <= this.n; w++) {
      const s = semi[w];
      let x = parent[w];
      while (x > s) {
        x = semi[x];
        steps++;
      }
      if (steps > slack + perVertex * w) {
        this.semisKnownFrom = w;
        return false;
      }
      semi[w] = x;
    }
    return true;
  }

  /** COMPRESS's stack, as deep as the DFS went: a path in the ancestor forest is a DFS-tree path. */
  private compressStack(): Uint32Array {
    if (this.pathStack.length < this.maxDepth + 2) this.pathStack = new Uint32Array(this.maxDepth + 2);
    return this.pathStack;
  }

  /**
   * Step 4 of the bucket version: explicit idoms in increasing DFS order, from the implicit ones
   * (over `parent`) into `semi`, where each is written once its semi was read: a relative
   * dominator u is numbered below w, so its idom is final by then.
   */
  finishIdoms(): void {
    const { semi, parent } = this;
    semi[1] = 1;
    for (let w = 2; w <= this.n; w++) {
      const i = parent[w];
      semi[w] = i === semi[w] ? i : semi[i];
    }
  }

  /**
   * Dominators by ordinal; nodes never numbered hang off the root and are flagged unreachable.
   * Written in place: dominator over dfnum (each ordinal reads its own number, then is
   * overwritten), order over vertex shifted down by one, ranks over the idoms shifted down by one.
   * One loop per function (see idomsByOrdinal).
   */
  result(root: number, flags: Uint8Array, method: Dominators['method']): Dominators {
    const { vertex, st, semi, n } = this;
    const nodeCount = this.dfnum.length;
    const dominator = idomsByOrdinal(this.dfnum, vertex, semi, root, flags);
    const dominatorRank = ranksByPosition(semi, n);
    const order = vertex;
    order.copyWithin(0, 1, n + 1);
    appendUnreachable(order, n, flags);
    return {
      dominator, order: order.subarray(0, nodeCount), dominatorRank: dominatorRank.subarray(0, nodeCount),
      spare: st, method,
    };
  }
}

/**
 * Over `dfnum`, in place: each node's idom by ordinal. Why one loop per function here and below:
 * V8 optimises a long loop while it runs (on-stack replacement), with type feedback from that
 * loop only; a second loop in the same function then meets code with no feedback and throws the
 * optimised code away, running on unoptimised until it is compiled again.
 */
function idomsByOrdinal(dfnum: Uint32Array, vertex: Uint32Array, idom: Uint32Array, root: number, flags: Uint8Array): Uint32Array {
  const unreachable = NODE_FLAG_UNREACHABLE;
  for (let v = 0; v < dfnum.length; v++) {
    const number = dfnum[v];
    if (number === 0) {
      dfnum[v] = root;
      flags[v] |= unreachable;
    } else {
      dfnum[v] = vertex[idom[number]];
    }
  }
  return dfnum;
}

/** Over `idom`, in place: position k in `order` is DFS number k + 1; each step reads idom[k + 1] before it is written. */
function ranksByPosition(idom: Uint32Array, n: number): Uint32Array {
  for (let k = 0; k < n; k++) idom[k] = idom[k + 1] - 1;
  idom.fill(0, n);
  return idom;
}

/** The unreachable nodes after the `n` numbered ones. */
function appendUnreachable(order: Uint32Array, n: number, flags: Uint8Array): void {
  const unreachable = NODE_FLAG_UNREACHABLE;
  let k = n;
  for (let v = 0; v < flags.length; v++) if (flags[v] & unreachable) order[k++] = v;
}

/** EVAL with path compression; COMPRESS made iterative with `stack`. */
function evaluate(v: number, al: Uint32Array, semi: Uint32Array, stack: Uint32Array): number {
  const av = al[v * 2 + ANCESTOR];
  if (av === 0) return v;
  if (al[av * 2 + ANCESTOR] === 0) return al[v * 2 + LABEL];
  let sp = 0;
  let u = v;
  while (al[al[u * 2 + ANCESTOR] * 2 + ANCESTOR] !== 0) {
    stack[sp++] = u;
    u = al[u * 2 + ANCESTOR];
  }
  while (sp > 0) {
    const x = stack[--sp] * 2;
    const a = al[x + ANCESTOR] * 2;
    if (semi[al[a + LABEL]] < semi[al[x + LABEL]]) al[x + LABEL] = al[a + LABEL];
    al[x + ANCESTOR] = al[a + ANCESTOR];
  }
  return al[v * 2 + LABEL];
}
