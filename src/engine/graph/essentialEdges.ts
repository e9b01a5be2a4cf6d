import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { EdgeTypeIds, NODE_FLAG_PAGE_OBJECT } from './heapGraph';
import { MARK_EPHEMERON, StringMarks } from './stringMarks';
import type { Retainers } from './buildRetainers';
import { writtenFirst } from '../memory/writtenFirst';

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
export class EssentialEdges {
  /** One bit per edge ordinal, filled node by node by `markAndFill`. */
  readonly bits: Uint32Array;
  private readonly weak: number;
  private readonly shortcut: number;
  private readonly internal: number;

  /**
   * `pageRule`: false to leave out the rule on page objects, for a build whose page-object marks
   * are still being made elsewhere: dropNonPageEdges applies it afterwards.
   */
  constructor(
    private readonly parsed: ParsedSnapshot, edgeTypes: EdgeTypeIds, private readonly marks: StringMarks,
    private readonly flags: Uint8Array, private readonly root: number, private readonly pageRule = true,
  ) {
    this.bits = writtenFirst(new Uint32Array((parsed.edgeCount + 31) >>> 5));
    ({ weak: this.weak, shortcut: this.shortcut, internal: this.internal } = edgeTypes);
  }

  /**
   * Node `from`'s part of the retainer fill (see buildRetainers) and of the bits, in one pass
   * over its edges: each edge's slot (taken from the fill cursors `next`) gets `from` as its
   * owner, and an essential edge gets its bit here and its slot's in `essentialSlot`.
   */
  markAndFill(from: number, next: Uint32Array, retainerNode: Uint32Array, essentialSlot: Uint32Array): void {
    const { firstEdge, edgeToNode, edgeType, edgeNameOrIndex, nodeId } = this.parsed;
    const { weak, shortcut, internal, marks, flags, bits } = this;
    // Imported constants copied to locals: under tsx (and any CommonJS build) an import is a
    // getter call per use, which profiled as up to a third of this loop.
    const pageObject = NODE_FLAG_PAGE_OBJECT, ephemeron = MARK_EPHEMERON;
    const end = firstEdge[from + 1];
    // Without the page rule every node counts as a page object, whose edges the rule keeps.
    const fromPage = this.pageRule ? flags[from] & pageObject : pageObject;
    const isRoot = from === this.root;
    for (let e = firstEdge[from]; e < end; e++) {
      const to = edgeToNode[e];
      const slot = next[to]++;
      retainerNode[slot] = from;
      const t = edgeType[e];
      if (t === weak || to === from) continue;
      if (t === internal && marks.of(edgeNameOrIndex[e]) & ephemeron &&
        marks.ephemeronTableId(edgeNameOrIndex[e]) === nodeId[from]) continue;
      if (!isRoot && (t === shortcut || (!fromPage && flags[to] & pageObject))) continue;
      bits[e >>> 5] |= 1 << (e & 31);
      essentialSlot[slot >>> 5] |= 1 << (slot & 31);
    }
  }
}

/**
 * The page rule of EssentialEdges, applied to retainers built without it (see `pageRule`): the
 * edges from a non-page object into a page object stop being essential, in both bit sets. Only
 * the few nodes outside the page objects are visited (a few thousand in a Node heap of millions).
 * A node's retainer slots are in owner order, so the slots a node owns are one run, found by
 * binary search; all of them go, as the rule drops every edge from that owner to that target.
 */
export function dropNonPageEdges(parsed: ParsedSnapshot, flags: Uint8Array, root: number, retainers: Retainers): void {
  const { nodeCount, firstEdge, edgeToNode } = parsed;
  const { essential, essentialSlot, firstRetainer, retainerNode } = retainers;
  const pageObject = NODE_FLAG_PAGE_OBJECT;
  for (let v = 0; v < nodeCount; v++) {
    if (flags[v] & pageObject || v === root) continue;
    for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
      if ((essential[e >>> 5] & (1 << (e & 31))) === 0) continue;
      const to = edgeToNode[e];
      if ((flags[to] & pageObject) === 0) continue;
      essential[e >>> 5] &= ~(1 << (e & 31));
      let lo = firstRetainer[to];
      let hi = firstRetainer[to + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (retainerNode[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      for (let s = lo, last = firstRetainer[to + 1]; s < last && retainerNode[s] === v; s++) {
        essentialSlot[s >>> 5] &= ~(1 << (s & 31));
      }
    }
  }
}
