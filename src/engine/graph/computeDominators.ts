import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, CHUNK, pause } from './buildOptions';
import { Retainers } from './buildRetainers';
import { LengauerTarjan } from './lengauerTarjan';

export interface Dominators {
  /** Immediate dominator per node ordinal; the root's is itself. */
  dominator: Uint32Array;
  /**
   * Node ordinals in DFS preorder (dominators before what they dominate), then the unreachable
   * nodes; `order.length === nodeCount`. Walking it backwards visits children before parents.
   */
  order: Uint32Array;
  /** Per position k in `order`: the position of its immediate dominator (always < k, 0 for the root). */
  dominatorRank: Uint32Array;
  /**
   * A work array no longer needed (4 words per node + 4), the caller's to reuse instead of asking
   * the system for fresh pages on top of the peak (see spareLayout).
   */
  spare: Uint32Array;
  /** How idoms were found: 'semi-nca' normally, 'buckets' when the NCA walk ran over its budget. */
  method: 'semi-nca' | 'buckets';
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
 * `retainers.essential` (see EssentialEdges), plus a virtual edge root → v for every "orphan" v,
 * a node with no essential retainer at all (e.g. only weakly held). What is still unreached after that
 * (cycles held only by each other) gets the root as immediate dominator and is left out of the
 * flowgraph entirely: its edges do not affect anyone else's dominator. That is exactly what
 * DevTools' numbering of those nodes leads to.
 */
export async function computeDominators(
  parsed: ParsedSnapshot, retainers: Retainers, root: number, flags: Uint8Array,
  options: BuildOptions, tuning: DominatorOptions = {},
): Promise<Dominators> {
  const { nodeCount } = parsed;
  // A fixed budget when the caller sets one (tests: 0 forces the fallback); else it grows as the walk goes.
  const [ncaSlack, ncaPerVertex] = tuning.ncaStepBudget === undefined ? [NCA_SLACK_STEPS, NCA_STEP_BUDGET_PER_NODE] : [tuning.ncaStepBudget, 0];
  const lt = new LengauerTarjan(parsed, retainers, tuning.shared ?? false);
  const phase = 'dominators';
  const total = nodeCount * 2;

  lt.startDfs(root, 0);
  while (!lt.dfs(CHUNK)) await pause(options, phase, lt.n, total);
  // Loops over all nodes live in the sync methods: V8 does not optimise long loops in an async
  // function (see CHUNK).
  for (let v = lt.nextOrphan(0); v < nodeCount; v = lt.nextOrphan(v + 1)) {
    lt.startDfs(v, 1);
    while (!lt.dfs(CHUNK)) await pause(options, phase, lt.n, total);
  }
  const n = lt.n;
  for (let w = n; w >= 2; w -= CHUNK) {
    lt.semidominators(w, Math.max(1, w - CHUNK), false);
    await pause(options, phase, nodeCount + n - w, total);
  }
  let method: Dominators['method'] = 'semi-nca';
  if (!lt.ncaIdoms(ncaSlack, ncaPerVertex)) {
    // A graph that makes the NCA walk quadratic (long chains whose semidominators sit far above):
    // do it again the way of the paper, linear-ish whatever the shape.
    method = 'buckets';
    // The semidominators are final: only the forest (links and labels) starts again.
    lt.resetForest();
    for (let w = n; w >= 2; w -= CHUNK) {
      lt.semidominators(w, Math.max(1, w - CHUNK), true);
      await pause(options, phase, nodeCount + n - w, total);
    }
    lt.finishIdoms();
  }
  tuning.ownersRead?.(lt.spare);
  return lt.result(root, flags, method);
}

export interface DominatorOptions {
  /** A fixed budget of NCA steps before the bucket version takes over (default: see NCA_SLACK_STEPS); tests set 0. */
  readonly ncaStepBudget?: number;
  /**
   * Allocate `spare` and `dominatorRank` (which retained sizes are summed into) in shared memory,
   * for another thread to work in or read.
   */
  readonly shared?: boolean;
  /**
   * Called once the retainers' owners will not be read again and `spare` is free (the idoms are
   * known; only the results are left to write): work on them can start elsewhere meanwhile.
   */
  readonly ownersRead?: (spare: Uint32Array) => void;
}

/**
 * The NCA walk's budget: at most NCA_SLACK_STEPS + NCA_STEP_BUDGET_PER_NODE steps per vertex
 * done so far, checked as it goes, so a shape that makes it quadratic is caught after about a
 * million wasted steps, not 32 per node of the whole heap. Real heaps take about one step per
 * node. Whole-heap bound, every shape: SEMI-NCA only within that budget, O(n + m); else the
 * bucket version, Lengauer–Tarjan with path compression and naive LINK, O(m log n) (Tarjan's
 * bound for path compression without balancing; the paper's "simple" version). The balanced
 * LINK would give O(m α(m, n)) at two more words per node; not needed so far: on a 4 M-node
 * 21 M-node heap shaped to defeat SEMI-NCA (test/engine/snapshot/streamedSnapshot.ts, `indexed`,
 * 1.3 GB) dominators took 6.5 s CPU with the fallback, against 4.5-4.9 s for SEMI-NCA on chain
 * and tree files of that size (bench/shapes.bench.ts, a machine at load 15).
 */
const NCA_STEP_BUDGET_PER_NODE = 32;
const NCA_SLACK_STEPS = 1_000_000;
