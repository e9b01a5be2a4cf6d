import { retainerOwner } from '../graph/retainerOwner';
import { HeapGraph } from '../graph/heapGraph';
import { PathQueue } from './pathQueue';
import { isInternalRoot } from './rootKinds';

/** A path from the synthetic root to the target: `edges[i]` leads from `nodes[i]` to `nodes[i + 1]`. */
export interface RawPath {
  nodes: number[];
  edges: number[];
  internal: boolean;
}

export interface PathSearchOptions {
  k: number;
  /** Paths up to this many edges longer than the shortest are considered. */
  slack?: number;
  /** Bound on A* expansions per phase, so a pathological graph cannot stall the engine. */
  maxExpansions?: number;
}

/**
 * The k shortest retainer paths from the root to `target`, weak edges skipped; paths avoiding
 * the internal root groups (rootKinds.ts) first, then the others, marked internal.
 *
 * Per phase: a backward BFS over retainers from the target gives each node its exact hop count
 * to the target (stopping `slack` levels after the root is reached), then A* forward from the
 * root with that exact heuristic pops complete paths in nondecreasing length (Hart, Nilsson &
 * Raphael 1968; with an exact heuristic this enumerates the k shortest walks, and walks that
 * revisit a node are dropped, so results are simple paths). Both steps are iterative and
 * bounded. Indexing: node and edge ordinals; `dist` is -1 for nodes not reached.
 */
export async function findRetainerPaths(
  graph: HeapGraph,
  target: number,
  options: PathSearchOptions,
  checkpoint: () => Promise<void>,
): Promise<RawPath[]> {
  if (target === graph.root) return [];
  const k = Math.max(1, options.k);
  const slack = options.slack ?? 4;
  const maxExpansions = options.maxExpansions ?? 200_000;
  const found: RawPath[] = [];
  const seen = new Set<string>();
  // V8 writes some references twice (an Array's `element [0]` and its elements store's slot 0;
  // a global's property and its PropertyCell), and the global object hangs off several roots:
  // paths differing only in such bookkeeping nodes or in how they reach the global object say
  // the same thing, so only the first (shortest, user-visible first) of them is kept.
  const userRoots = new Set<number>();
  for (let e = graph.firstEdge[graph.root]; e < graph.firstEdge[graph.root + 1]; e++) {
    const to = graph.edgeToNode[e];
    if (graph.nodeType[to] !== graph.types.synthetic) userRoots.add(to);
  }
  const accept = (path: RawPath) => {
    const key = signature(graph, path, userRoots);
    if (seen.has(key)) return false;
    seen.add(key);
    path.internal = path.nodes.some((n) => isInternalRoot(graph, n));
    found.push(path);
    return true;
  };
  for (const avoidInternal of [true, false]) {
    const dist = await hopsToTarget(graph, target, avoidInternal, slack, checkpoint);
    if (!dist) continue;
    await shortestWalks(graph, target, dist, k - found.length, slack, maxExpansions, accept, checkpoint);
    if (found.length >= k) break;
  }
  // Stable: user-visible paths first, each group shortest first.
  return found
    .map((p, i) => ({ p, i }))
    .sort((a, b) => Number(a.p.internal) - Number(b.p.internal) || a.p.edges.length - b.p.edges.length || a.i - b.i)
    .slice(0, k)
    .map(({ p }) => p);
}

async function hopsToTarget(
  graph: HeapGraph, target: number, avoidInternal: boolean, slack: number, checkpoint: () => Promise<void>,
): Promise<Int32Array | null> {
  const dist = new Int32Array(graph.nodeCount).fill(-1);
  const weak = graph.edgeTypes.weak;
  let frontier = new Uint32Array(1);
  frontier[0] = target;
  let frontierLength = 1;
  dist[target] = 0;
  let level = 0;
  let rootLevel = -1;
  let work = 0;
  while (frontierLength > 0 && (rootLevel < 0 || level < rootLevel + slack)) {
    const next: number[] = [];
    for (let i = 0; i < frontierLength; i++) {
      const node = frontier[i];
      for (let r = graph.firstRetainer[node]; r < graph.firstRetainer[node + 1]; r++) {
        if (graph.edgeType[graph.retainerEdge[r]] === weak) continue;
        const from = retainerOwner(graph, r);
        if (dist[from] >= 0) continue;
        if (avoidInternal && isInternalRoot(graph, from)) continue;
        dist[from] = level + 1;
        if (from === graph.root) rootLevel = level + 1;
        next.push(from);
      }
      if ((++work & 0x3fff) === 0) await checkpoint();
    }
    frontier = Uint32Array.from(next);
    frontierLength = frontier.length;
    level++;
  }
  return rootLevel < 0 ? null : dist;
}

interface Partial {
  node: number;
  edge: number;
  parent: number;
  g: number;
}

/**
 * The path's meaningful nodes from the last user root (global object) on: roots, internal
 * arrays, hidden nodes and shapes left out.
 */
function signature(graph: HeapGraph, path: RawPath, userRoots: ReadonlySet<number>): string {
  const t = graph.types;
  let from = 0;
  path.nodes.forEach((n, i) => {
    if (userRoots.has(n)) from = i;
  });
  return path.nodes.slice(from).filter((n) => {
    const type = graph.nodeType[n];
    return type !== t.array && type !== t.hidden && type !== t.objectShape && type !== t.synthetic;
  }).join(',');
}

async function shortestWalks(
  graph: HeapGraph, target: number, dist: Int32Array, k: number, slack: number, maxExpansions: number,
  accept: (path: RawPath) => boolean, checkpoint: () => Promise<void>,
): Promise<void> {
  const limit = dist[graph.root] + slack;
  const entries: Partial[] = [{ node: graph.root, edge: -1, parent: -1, g: 0 }];
  const queue = new PathQueue();
  queue.push(0, dist[graph.root], 0);
  const weak = graph.edgeTypes.weak;
  let accepted = 0;
  let expansions = 0;
  while (queue.size > 0 && accepted < k && expansions < maxExpansions) {
    const at = queue.pop();
    const entry = entries[at];
    if (entry.node === target) {
      if (accept(unwind(entries, at))) accepted++;
      continue;
    }
    if ((++expansions & 0xfff) === 0) await checkpoint();
    // Pushed last edge first: among equal paths the queue pops the newest, so the first edge wins.
    for (let e = graph.firstEdge[entry.node + 1] - 1; e >= graph.firstEdge[entry.node]; e--) {
      if (graph.edgeType[e] === weak) continue;
      const to = graph.edgeToNode[e];
      const h = dist[to];
      if (h < 0 || entry.g + 1 + h > limit || onPath(entries, at, to)) continue;
      entries.push({ node: to, edge: e, parent: at, g: entry.g + 1 });
      queue.push(entries.length - 1, entry.g + 1 + h, entry.g + 1);
    }
  }
}

function onPath(entries: Partial[], at: number, node: number): boolean {
  for (let i = at; i >= 0; i = entries[i].parent) if (entries[i].node === node) return true;
  return false;
}

function unwind(entries: Partial[], at: number): RawPath {
  const nodes: number[] = [];
  const edges: number[] = [];
  for (let i = at; i >= 0; i = entries[i].parent) {
    nodes.push(entries[i].node);
    if (entries[i].edge >= 0) edges.push(entries[i].edge);
  }
  return { nodes: nodes.reverse(), edges: edges.reverse(), internal: false };
}
