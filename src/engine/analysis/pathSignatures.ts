import { HeapGraph, SYSTEM_DISTANCE, UNREACHABLE } from '../graph/heapGraph';

/**
 * An identity for every node that does not depend on V8's node ids: a 52-bit hash of the
 * node's retainer path from the root — at each step the edge's type and name (or index) and the
 * node's type and name. Two snapshots of one process give an object that is still held the same
 * way the same signature, even when V8 numbered the objects afresh between them (a new inspector
 * session clears V8's id map; see idRenumbering.ts).
 *
 * The path is canonical so that it does not depend on node or edge order: among the retainers
 * one hop closer to the roots (DevTools' distance, `graph.distance`, which prefers user roots),
 * the one giving the smallest hash wins; a node with no such retainer (a WeakMap value, whose
 * distance DevTools takes from its longer path) takes the smallest over all closer retainers.
 * Element and hidden indexes under synthetic roots are left out: "(Global handles) [17]" is
 * a handle's slot, which shifts as handles come and go. Names of strings and numbers are left
 * out too (their content is not an identity and would cost a decode each).
 *
 * One forward pass over the nodes in order of distance (a counting sort by distance rank) and
 * their edges: O(nodes + edges). Indexing: node ordinals; `signature[n]` is -1 for nodes not
 * reached from the root.
 */
export async function pathSignatures(graph: HeapGraph, checkpoint: () => Promise<void>): Promise<Float64Array> {
  const n = graph.nodeCount;
  const { distance, firstEdge, edgeToNode, edgeType, edgeNameOrIndex, nodeType, nodeName } = graph;
  const order = byDistance(graph);
  const sig = new Float64Array(n).fill(-1);
  // 1 once a retainer exactly one hop closer has offered a signature.
  const exact = new Uint8Array(n);
  const names = new StringHashes(graph);
  const t = graph.types;
  const et = graph.edgeTypes;
  const root = graph.root;
  sig[root] = 0;
  for (let i = 0; i < order.length; i++) {
    if ((i & 0xffff) === 0xffff) await checkpoint();
    const from = order[i];
    const fromSig = sig[from];
    if (fromSig < 0) continue;
    const hi = Math.floor(fromSig / 0x1_0000_0000) | 0;
    const lo = fromSig % 0x1_0000_0000 | 0;
    // The root's own distance is SYSTEM_DISTANCE (it starts the second pass); its edges come first.
    const dFrom = from === root ? 0 : distance[from];
    const fromSynthetic = nodeType[from] === t.synthetic;
    for (let e = firstEdge[from]; e < firstEdge[from + 1]; e++) {
      const type = edgeType[e];
      if (type === et.weak) continue;
      const to = edgeToNode[e];
      const dTo = distance[to];
      if (dTo === UNREACHABLE || dTo <= dFrom) continue;
      const isExact = dTo === dFrom + 1 ? 1 : 0;
      if (exact[to] > isExact) continue;
      const indexed = type === et.element || type === et.hidden;
      const edgeKey = indexed ? (fromSynthetic ? -1 : edgeNameOrIndex[e]) : names.hash(edgeNameOrIndex[e], 0);
      const toType = nodeType[to];
      const anonymous = toType === t.string || toType === t.concatenatedString || toType === t.slicedString || toType === t.number;
      const nameKey1 = anonymous ? 0 : names.hash(nodeName[to], 0);
      const nameKey2 = anonymous ? 0 : names.hash(nodeName[to], 1);
      const h1 = finish(mix(mix(mix(mix(mix(0x9747b28c, hi), lo), type * 31 + toType), edgeKey), nameKey1));
      const h2 = finish(mix(mix(mix(mix(mix(0x5bd1e995, lo), hi), toType * 37 + type), edgeKey ^ 0x2545f491), nameKey2));
      const s = (h1 & 0xfffff) * 0x1_0000_0000 + (h2 >>> 0);
      if (isExact > exact[to] || sig[to] < 0 || s < sig[to]) {
        sig[to] = s;
        exact[to] = isExact;
      }
    }
  }
  return sig;
}

/** Node ordinals sorted by distance (user-root distances first, then the system ones), by counting sort. */
function byDistance(graph: HeapGraph): Uint32Array {
  const { distance, nodeCount } = graph;
  let maxUser = 0;
  let maxSystem = 0;
  for (let v = 0; v < nodeCount; v++) {
    const d = distance[v];
    if (d === UNREACHABLE) continue;
    if (d < SYSTEM_DISTANCE) maxUser = Math.max(maxUser, d);
    else maxSystem = Math.max(maxSystem, d - SYSTEM_DISTANCE);
  }
  const root = graph.root;
  const rank = (v: number) => {
    const d = distance[v];
    return v === root ? 0 : d < SYSTEM_DISTANCE ? d : maxUser + 1 + d - SYSTEM_DISTANCE;
  };
  const counts = new Uint32Array(maxUser + maxSystem + 3);
  let reached = 0;
  for (let v = 0; v < nodeCount; v++) {
    if (distance[v] === UNREACHABLE) continue;
    counts[rank(v) + 1]++;
    reached++;
  }
  for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
  const order = new Uint32Array(reached);
  for (let v = 0; v < nodeCount; v++) if (distance[v] !== UNREACHABLE) order[counts[rank(v)]++] = v;
  return order;
}

/** Two independent 32-bit hashes per string-table entry, each computed once. */
class StringHashes {
  private readonly lanes = [new Int32Array(0), new Int32Array(0)];
  private readonly done: Uint8Array;

  constructor(private readonly graph: HeapGraph) {
    const count = graph.strings.count;
    this.lanes = [new Int32Array(count), new Int32Array(count)];
    this.done = new Uint8Array(count);
  }

  hash(index: number, lane: 0 | 1): number {
    if (this.done[index] === 0) {
      const s = this.graph.strings.get(index);
      let a = 0x811c9dc5;
      let b = 0x01000193 ^ s.length;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = mix(b, c);
      }
      this.lanes[0][index] = finish(a);
      this.lanes[1][index] = finish(b);
      this.done[index] = 1;
    }
    return this.lanes[lane][index];
  }
}

/** MurmurHash3's 32-bit block step (Appleby, public domain): mixes `k` into `h`. */
function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
