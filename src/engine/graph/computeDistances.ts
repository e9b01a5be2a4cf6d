import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, PAUSE_MASK, pause } from './buildOptions';
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
 */
export async function computeDistances(
  parsed: ParsedSnapshot, types: NodeTypeIds, edgeTypes: EdgeTypeIds, marks: StringMarks, root: number,
  options: BuildOptions,
): Promise<Uint32Array> {
  const { nodeCount, firstEdge, edgeToNode, edgeType, edgeNameOrIndex, nodeType, nodeName } = parsed;
  const distance = new Uint32Array(nodeCount).fill(UNREACHABLE);
  // A node listed twice among the root's edges is queued twice, as in DevTools.
  const rootEdges = firstEdge[root + 1] - firstEdge[root];
  const queue = new Uint32Array(nodeCount + rootEdges);
  let tail = 0;
  for (let e = firstEdge[root]; e < firstEdge[root + 1]; e++) {
    const to = edgeToNode[e];
    if (!isUserRoot(parsed, types, marks, to)) continue;
    distance[to] = 1;
    queue[tail++] = to;
  }
  const userRoots = tail > 0;

  const pendingPairs = new Set<string>();
  const { weak, element, hidden, internal } = edgeTypes;
  const hiddenType = types.hidden;
  const arrayType = types.array;
  let head = 0;
  let steps = 0;
  for (let pass = 0; pass < 2; pass++) {
    if (pass === 1) {
      distance[root] = userRoots ? SYSTEM_DISTANCE : 0;
      head = tail = 0;
      queue[tail++] = root;
    }
    while (head < tail) {
      const from = queue[head++];
      const next = distance[from] + 1;
      const end = firstEdge[from + 1];
      const t0 = nodeType[from];
      // Only these two node kinds carry filtered edges; test their names once per node.
      const fromMarks = t0 === hiddenType || t0 === arrayType ? marks.of(nodeName[from]) : 0;
      const sloppyFilter = t0 === hiddenType && (fromMarks & MARK_NATIVE_CONTEXT) !== 0;
      const descriptorFilter = t0 === arrayType && (fromMarks & MARK_MAP_DESCRIPTORS) !== 0;
      for (let e = firstEdge[from]; e < end; e++) {
        const t = edgeType[e];
        if (t === weak) continue;
        const to = edgeToNode[e];
        if (distance[to] !== UNREACHABLE) continue;
        if (sloppyFilter && t !== element && t !== hidden && (marks.of(edgeNameOrIndex[e]) & MARK_SLOPPY_FUNCTION_MAP)) continue;
        if (descriptorFilter) {
          const index = t === element || t === hidden ? edgeNameOrIndex[e] : parseInt(parsed.strings.get(edgeNameOrIndex[e]), 10);
          if (!(index < 2 || index % 3 !== 1)) continue;
        } else if (t === internal && marks.of(edgeNameOrIndex[e]) & MARK_EPHEMERON) {
          const key = marks.ephemeron(edgeNameOrIndex[e])!.pairKey;
          if (!pendingPairs.delete(key)) {
            pendingPairs.add(key);
            continue;
          }
        }
        distance[to] = next;
        queue[tail++] = to;
      }
      if ((++steps & PAUSE_MASK) === 0) await pause(options, 'distances', steps, nodeCount);
    }
  }
  return distance;
}
