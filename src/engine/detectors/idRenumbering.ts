import { HeapGraph, SYSTEM_DISTANCE } from '../graph/heapGraph';
import { pathSignatures } from '../analysis/pathSignatures';
import { idIndexFor } from './graphViews';

/**
 * Whether two snapshots of one process number their objects alike. V8 keeps an object's id for
 * as long as its heap profiler keeps its id map: across `v8.writeHeapSnapshot()` calls, across
 * `--heapsnapshot-signal` snapshots and across captures in one inspector session. A new
 * inspector session starts a fresh map, so every object gets a new id, and because ids are
 * handed out in traversal order many of them coincide with another object's old id (measured
 * on Node 20–26: 30–45% of a server's ids exist in both, naming different objects).
 *
 * The test: long-lived anchors — objects and closures within ANCHOR_DEPTH hops of a user root
 * (the global object, module functions and their exports, what Node's handles keep), each held
 * by one path only (its path signature is unique in both snapshots) — and the share of them
 * whose id is the same in both. Measured: 99.9–100% within one id map, under 5% across two.
 * Signatures cost a pass over each graph and a decode of its strings, so a cheaper test comes
 * first: when nearly every anchor's id names an object of the same type and name in the other
 * snapshot, the ids line up (across a renumbering only a third do, by coincidence).
 */
export interface IdAlignment {
  renumbered: boolean;
  /** Anchors found in both snapshots. */
  anchors: number;
  /** Of those, how many have the same id in both. */
  aligned: number;
}

const ANCHOR_DEPTH = 4;
/** With fewer anchors than this (tiny or synthetic graphs) the ids are trusted. */
const MIN_ANCHORS = 20;
/** Below this share of aligned anchors the ids were renumbered. */
const MIN_ALIGNED_SHARE = 0.5;
/** At or above this share of anchors whose id names a like object in the other snapshot, no signatures are needed. */
const QUICK_ALIGNED_SHARE = 0.95;

const signatures = new WeakMap<HeapGraph, Promise<Float64Array>>();
const alignments = new WeakMap<HeapGraph, WeakMap<HeapGraph, Promise<IdAlignment>>>();

export function signaturesOf(graph: HeapGraph, checkpoint: () => Promise<void>): Promise<Float64Array> {
  let s = signatures.get(graph);
  if (!s) {
    s = pathSignatures(graph, checkpoint);
    signatures.set(graph, s);
  }
  return s;
}

/** Compared once per pair of graphs, however many detectors ask. */
export function idAlignment(a: HeapGraph, b: HeapGraph, checkpoint: () => Promise<void>): Promise<IdAlignment> {
  let byB = alignments.get(a);
  if (!byB) {
    byB = new WeakMap();
    alignments.set(a, byB);
  }
  let result = byB.get(b);
  if (!result) {
    result = compare(a, b, checkpoint);
    byB.set(b, result);
  }
  return result;
}

function anchorsOf(graph: HeapGraph): number[] {
  const t = graph.types;
  const out: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    const d = graph.distance[v];
    if (d > ANCHOR_DEPTH || d >= SYSTEM_DISTANCE) continue;
    if (graph.nodeType[v] === t.object || graph.nodeType[v] === t.closure) out.push(v);
  }
  return out;
}

/** Anchors of `a` whose id, in `b`, is an object of the same type and name. */
function likeById(a: HeapGraph, b: HeapGraph, anchors: readonly number[]): number {
  const index = idIndexFor(b);
  let like = 0;
  for (const v of anchors) {
    const w = index.ordinalOf(a.nodeId[v]);
    if (w >= 0 && a.nodeType[v] === b.nodeType[w] && a.strings.get(a.nodeName[v]) === b.strings.get(b.nodeName[w])) like++;
  }
  return like;
}

async function compare(a: HeapGraph, b: HeapGraph, checkpoint: () => Promise<void>): Promise<IdAlignment> {
  const anchorNodes = anchorsOf(a);
  const like = likeById(a, b, anchorNodes);
  if (anchorNodes.length < MIN_ANCHORS || like >= anchorNodes.length * QUICK_ALIGNED_SHARE) {
    return { renumbered: false, anchors: anchorNodes.length, aligned: like };
  }
  const sa = await signaturesOf(a, checkpoint);
  const sb = await signaturesOf(b, checkpoint);
  const wanted: number[] = [];
  for (const v of anchorNodes) if (sa[v] >= 0) wanted.push(sa[v]);
  const found = await matchSignatures(a, sa, b, sb, wanted, checkpoint);
  let anchors = 0;
  let aligned = 0;
  for (const m of found.values()) {
    if (m.a < 0 || m.b < 0) continue;
    anchors++;
    if (a.nodeId[m.a] === b.nodeId[m.b]) aligned++;
  }
  return { renumbered: anchors >= MIN_ANCHORS && aligned < anchors * MIN_ALIGNED_SHARE, anchors, aligned };
}

/**
 * For each id of `from`, the id in `to` of the object with the same path signature, or null
 * when either snapshot has no such object or more than one (then which is which is unknowable).
 */
export async function translateIds(
  from: HeapGraph, to: HeapGraph, ids: Iterable<number>, checkpoint: () => Promise<void>,
): Promise<Map<number, number | null>> {
  const sf = await signaturesOf(from, checkpoint);
  const st = await signaturesOf(to, checkpoint);
  const index = idIndexFor(from);
  const sigOfId = new Map<number, number>();
  for (const id of ids) {
    const v = index.ordinalOf(id);
    if (v >= 0 && sf[v] >= 0) sigOfId.set(id, sf[v]);
  }
  const found = await matchSignatures(from, sf, to, st, sigOfId.values(), checkpoint);
  const out = new Map<number, number | null>();
  for (const id of ids) {
    const sig = sigOfId.get(id);
    const m = sig === undefined ? undefined : found.get(sig);
    out.set(id, m && m.a >= 0 && m.b >= 0 ? to.nodeId[m.b] : null);
  }
  return out;
}

/** Per wanted signature, its node in each graph, -1 when absent, -2 when there are several. */
async function matchSignatures(
  a: HeapGraph, sa: Float64Array, b: HeapGraph, sb: Float64Array, wanted: Iterable<number>, checkpoint: () => Promise<void>,
): Promise<Map<number, { a: number; b: number }>> {
  const found = new Map<number, { a: number; b: number }>();
  for (const s of wanted) found.set(s, { a: -1, b: -1 });
  for (let v = 0; v < a.nodeCount; v++) {
    if ((v & 0xfffff) === 0xfffff) await checkpoint();
    const m = found.get(sa[v]);
    if (m) m.a = m.a === -1 ? v : -2;
  }
  for (let v = 0; v < b.nodeCount; v++) {
    if ((v & 0xfffff) === 0xfffff) await checkpoint();
    const m = found.get(sb[v]);
    if (m) m.b = m.b === -1 ? v : -2;
  }
  return found;
}
