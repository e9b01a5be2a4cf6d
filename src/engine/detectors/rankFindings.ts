import { HeapGraph } from '../graph/heapGraph';
import { Finding, FindingKind } from '../../protocol/finding';
import { idIndexFor, readerFor } from './graphViews';

/**
 * How specific each kind is (lower wins). When two findings explain the same objects, the more
 * specific one stays and the other is suppressed: closures growing because listeners are never
 * removed are a listener leak, not a long-lived closure; a cache pinning pool slabs is a
 * pooled-buffer finding, not (also) an unbounded collection.
 */
const SPECIFICITY: Record<FindingKind, number> = {
  'listener-leak': 0,
  'timer-leak': 0,
  'pending-promise': 0,
  'closed-client': 1,
  'open-handle': 1,
  'pooled-buffer-slice': 2,
  'request-scoped-retention': 3,
  'long-lived-closure': 4,
  'unbounded-collection': 5,
};

/**
 * Suppresses nested and overlapping findings, then ranks the rest by retained bytes plus growth
 * (a finding that grows by as much as it holds ranks as if it held twice that).
 * Two findings overlap when they share an object, share a holder, or one's holder lies inside
 * the other's (dominated by its holder or by one of its objects): the Map inside a flagged cache
 * is not a second finding. Of two overlapping findings the more specific kind stays; of the same
 * kind, the one whose holder contains the other's.
 */
export function rankFindings(graph: HeapGraph | undefined, findings: readonly Finding[]): Finding[] {
  const ordered = [...findings].sort((a, b) => SPECIFICITY[a.kind] - SPECIFICITY[b.kind] || b.retainedSize - a.retainedSize);
  const kept: Finding[] = [];
  for (const f of ordered) {
    if (!kept.some((k) => graph === undefined ? sameObjects(k, f) : overlaps(graph, k, f))) kept.push(f);
  }
  return kept.sort((a, b) => score(b) - score(a));
}

function score(f: Finding): number {
  return f.retainedSize + Math.max(0, f.growth ?? 0);
}

function sameObjects(a: Finding, b: Finding): boolean {
  if (a.holderId !== null && a.holderId === b.holderId) return true;
  const ids = new Set(a.nodeIds);
  return b.nodeIds.some((id) => ids.has(id));
}

/** Whether `later` (ranked after `kept` by specificity and size) explains the same objects. */
function overlaps(graph: HeapGraph, kept: Finding, later: Finding): boolean {
  if (sameObjects(kept, later)) return true;
  const index = idIndexFor(graph);
  const r = readerFor(graph);
  const ordinal = (id: number | null) => (id === null ? -1 : index.ordinalOf(id));
  const keptAnchors = [ordinal(kept.holderId), ...kept.nodeIds.slice(0, 64).map(ordinal)].filter((o) => o >= 0);
  const laterHolder = ordinal(later.holderId);
  const laterAnchors = laterHolder >= 0 ? [laterHolder] : later.nodeIds.slice(0, 16).map(ordinal).filter((o) => o >= 0);
  // The later finding's holder (or objects) inside one of the kept finding's anchors.
  if (laterAnchors.some((n) => keptAnchors.some((a) => a !== graph.root && r.dominates(a, n)))) return true;
  // A generic finding whose holder contains a specific one's holder: the same leak seen from outside.
  const keptHolder = ordinal(kept.holderId);
  return laterHolder >= 0 && keptHolder >= 0 && SPECIFICITY[later.kind] > SPECIFICITY[kept.kind] && r.dominates(laterHolder, keptHolder);
}
