import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, CHUNK, pause } from './buildOptions';
import { EdgeTypeIds, NODE_FLAG_PAGE_OBJECT } from './heapGraph';
import { MARK_EPHEMERON, StringMarks } from './stringMarks';

/**
 * One bit per edge ordinal: does the edge count when building dominators? DevTools' rules, each
 * for a reason:
 * - weak edges never retain;
 * - self edges cannot change dominators, but dropping them matters for "orphans" (a node whose
 *   only retainer is itself counts as having none; see computeDominators);
 * - shortcut edges are summaries of paths that exist anyway, except the root's, which mark the
 *   user global objects;
 * - an edge from a non-page object into a page object is ignored (see markPageObjects);
 * - a WeakMap value is held by its key and its table together; DevTools keeps the key's edge and
 *   drops the table's (the one whose owner id is the name's "table @id").
 */
export async function essentialEdges(
  parsed: ParsedSnapshot, edgeTypes: EdgeTypeIds, marks: StringMarks, flags: Uint8Array, root: number,
  options: BuildOptions,
): Promise<Uint32Array> {
  const bits = new Uint32Array((parsed.edgeCount + 31) >>> 5);
  for (let from = 0; from < parsed.nodeCount; from += CHUNK) {
    markEssential(parsed, edgeTypes, marks, flags, root, bits, from, Math.min(parsed.nodeCount, from + CHUNK));
    await pause(options, 'essential edges', from, parsed.nodeCount);
  }
  return bits;
}

function markEssential(
  parsed: ParsedSnapshot, edgeTypes: EdgeTypeIds, marks: StringMarks, flags: Uint8Array, root: number,
  bits: Uint32Array, fromNode: number, toNode: number,
): void {
  const { firstEdge, edgeToNode, edgeType, edgeNameOrIndex, nodeId } = parsed;
  const { weak, shortcut, internal } = edgeTypes;
  for (let from = fromNode; from < toNode; from++) {
    const end = firstEdge[from + 1];
    const fromPage = flags[from] & NODE_FLAG_PAGE_OBJECT;
    const isRoot = from === root;
    for (let e = firstEdge[from]; e < end; e++) {
      const t = edgeType[e];
      if (t === weak) continue;
      const to = edgeToNode[e];
      if (to === from) continue;
      if (t === internal && marks.of(edgeNameOrIndex[e]) & MARK_EPHEMERON &&
        marks.ephemeron(edgeNameOrIndex[e])!.tableId === nodeId[from]) continue;
      if (!isRoot && (t === shortcut || (!fromPage && flags[to] & NODE_FLAG_PAGE_OBJECT))) continue;
      bits[e >>> 5] |= 1 << (e & 31);
    }
  }
}
