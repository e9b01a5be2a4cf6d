import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, CHUNK, pause } from './buildOptions';
import { EphemeronPairs } from './ephemeronPairs';
import { EdgeTypeIds, NodeTypeIds, SYSTEM_DISTANCE, UNREACHABLE } from './heapGraph';
import { MARK_EPHEMERON, MARK_MAP_DESCRIPTORS, MARK_NATIVE_CONTEXT, MARK_SLOPPY_FUNCTION_MAP, StringMarks } from './stringMarks';
import { isUserRoot } from './userRoots';

/**
 * DevTools' distances, two breadth-first passes over non-weak edges sharing one queue array:
 * 1. from the user roots (see isUserRoot) at distance 1, so app objects get small numbers that
 *    do not depend on V8's internal roots;
 * 2. from the root (at SYSTEM_DISTANCE when user roots exist, else 0), for what pass 1 missed.
 * Edges are tried in edge order and the queue is FIFO, so the result is deterministic and equal
 * to DevTools', including its edge filters:
 * - a NativeContext's `sloppy_function_map` and the descriptor slots of "(map descriptors)"
 *   arrays are skipped: maps share descriptor arrays, so those links are not real paths;
 * - of the two edges holding a WeakMap value (from the table and from the key) the first one met
 *   is skipped, so the value's distance is the larger of the two (crbug.com/1290800).
 * Filters are consulted only for edges to not-yet-reached nodes, as DevTools does; that order
 * dependence is why the ephemeron bookkeeping must follow the same traversal exactly.
 * `scratch` (contents ignored) holds the queue if it is long enough; `into` (at least nodeCount
 * words, contents ignored) receives the distances if given.
 */
export async function computeDistances(
  parsed: ParsedSnapshot, types: NodeTypeIds, edgeTypes: EdgeTypeIds, marks: StringMarks, root: number,
  options: BuildOptions, scratch?: Uint32Array, into?: Uint32Array,
): Promise<Uint32Array> {
  const { firstEdge, edgeToNode } = parsed;
  const bfs = new DistanceBfs(parsed, types, edgeTypes, marks, edgeToNode.subarray(firstEdge[root], firstEdge[root + 1]), scratch, into);
  for (let e = firstEdge[root]; e < firstEdge[root + 1]; e++) {
    // A node listed twice among the root's edges is queued twice, as in DevTools.
    if (isUserRoot(parsed, types, marks, edgeToNode[e])) bfs.enqueue(edgeToNode[e], 1);
  }
  const userRoots = bfs.queued > 0;
  while (!bfs.run(CHUNK)) await pause(options, 'distances', bfs.queued, parsed.nodeCount);
  bfs.restart();
  bfs.enqueue(root, userRoots ? SYSTEM_DISTANCE : 0);
  while (!bfs.run(CHUNK)) await pause(options, 'distances', bfs.queued, parsed.nodeCount);
  return bfs.distance;
}

class DistanceBfs {
  readonly distance: Uint32Array;
  private readonly queue: Uint32Array;
  private head = 0;
  private tail = 0;
  queued = 0;
  private readonly pendingPairs: EphemeronPairs;

  constructor(
    private readonly parsed: ParsedSnapshot, private readonly types: NodeTypeIds,
    private readonly edgeTypes: EdgeTypeIds, private readonly marks: StringMarks, edgeToNodeOfRoot: Uint32Array,
    scratch?: Uint32Array, into?: Uint32Array,
  ) {
    const n = parsed.nodeCount;
    this.pendingPairs = new EphemeronPairs(parsed.strings);
    this.distance = (into && into.length >= n ? into.subarray(0, n) : new Uint32Array(n)).fill(UNREACHABLE);
    // Every node is queued at most once per pass, plus, in pass 1, the root's edges to a node it
    // has an edge to already (none in the heaps seen so far: the queue then fits a word per node).
    const length = parsed.nodeCount + repeatedTargets(edgeToNodeOfRoot);
    this.queue = scratch && scratch.length >= length ? scratch : new Uint32Array(length);
  }

  enqueue(v: number, d: number): void {
    this.distance[v] = d;
    this.queue[this.tail++] = v;
    this.queued++;
  }

  restart(): void {
    this.head = this.tail = 0;
  }

  /** Expands up to `budget` queued nodes; true when the queue is empty. */
  run(budget: number): boolean {
    const { firstEdge, edgeToNode, edgeType, nodeType, nodeName } = this.parsed;
    const { distance, queue, marks } = this;
    const { weak, element, hidden, internal } = this.edgeTypes;
    const hiddenType = this.types.hidden;
    // Imported constants copied to locals: under tsx (and any CommonJS build) an import is a getter
    // call per use, which profiled as up to a third of this loop.
    const unreached = UNREACHABLE, nativeContext = MARK_NATIVE_CONTEXT, mapDescriptors = MARK_MAP_DESCRIPTORS;
    const arrayType = this.types.array;
    let head = this.head;
    let tail = this.tail;
    let left = budget;
    while (head < tail && left-- > 0) {
      const from = queue[head++];
      const next = distance[from] + 1;
      const end = firstEdge[from + 1];
      const t0 = nodeType[from];
      // Only these two node kinds carry filtered edges; test their names once per node.
      const fromMarks = t0 === hiddenType || t0 === arrayType ? marks.of(nodeName[from]) : 0;
      const sloppyFilter = t0 === hiddenType && (fromMarks & nativeContext) !== 0;
      const descriptorFilter = t0 === arrayType && (fromMarks & mapDescriptors) !== 0;
      for (let e = firstEdge[from]; e < end; e++) {
        const t = edgeType[e];
        if (t === weak) continue;
        const to = edgeToNode[e];
        if (distance[to] !== unreached) continue;
        if (sloppyFilter || descriptorFilter || t === internal) {
          if (!this.passes(e, t, sloppyFilter, descriptorFilter, element, hidden, internal)) continue;
        }
        distance[to] = next;
        queue[tail++] = to;
      }
    }
    this.queued += tail - this.tail;
    this.head = head;
    this.tail = tail;
    return head >= tail;
  }

  /** DevTools' distance filter for the rare edges it applies to. */
  private passes(e: number, t: number, sloppyFilter: boolean, descriptorFilter: boolean, element: number, hidden: number, internal: number): boolean {
    const name = this.parsed.edgeNameOrIndex[e];
    const indexed = t === element || t === hidden;
    if (sloppyFilter && !indexed && (this.marks.of(name) & MARK_SLOPPY_FUNCTION_MAP)) return false;
    if (descriptorFilter) {
      const index = indexed ? name : parseInt(this.parsed.strings.get(name), 10);
      return index < 2 || index % 3 !== 1;
    }
    if (t === internal && this.marks.of(name) & MARK_EPHEMERON) {
      // DevTools: the first edge of a pair met is skipped, the second passes.
      if (!this.pendingPairs.meet(name)) return false;
    }
    return true;
  }
}

/** How many of these targets repeat an earlier one. */
function repeatedTargets(targets: Uint32Array): number {
  const sorted = targets.slice().sort();
  let repeats = 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeats++;
  return repeats;
}
