import { HeapGraph } from '../graph/heapGraph';

/**
 * A map keyed by an object's "shape" as the snapshot shows it: the names of its property edges
 * in order. Plain objects come by the hundred thousand in few shapes, so naming work is done
 * once per shape. Keys are a 53-bit hash of the name string indices, confirmed on a hit by
 * comparing the edges with the entry's first node, so a collision costs a compare, never a
 * wrong answer.
 */
export class ShapeTable<V> {
  private readonly buckets = new Map<number, { node: number; value: V }[]>();
  private readonly property: number;
  // The graph's columns held directly: the graph object itself has too many fields to be fast.
  private readonly firstEdge: Uint32Array;
  private readonly edgeType: Uint8Array;
  private readonly edgeName: Uint32Array;

  constructor(graph: HeapGraph) {
    this.property = graph.edgeTypes.property;
    this.firstEdge = graph.firstEdge;
    this.edgeType = graph.edgeType;
    this.edgeName = graph.edgeNameOrIndex;
  }

  get(node: number): V | undefined {
    const bucket = this.buckets.get(this.hash(node));
    if (!bucket) return undefined;
    for (const entry of bucket) if (this.sameShape(entry.node, node)) return entry.value;
    return undefined;
  }

  set(node: number, value: V): void {
    const key = this.hash(node);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push({ node, value });
    else this.buckets.set(key, [{ node, value }]);
  }

  private hash(node: number): number {
    const { firstEdge, edgeType, edgeName, property } = this;
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let e = firstEdge[node]; e < firstEdge[node + 1]; e++) {
      if (edgeType[e] !== property) continue;
      const v = edgeName[e];
      h1 = Math.imul(h1 ^ v, 0x01000193);
      h2 = Math.imul(h2 ^ (v + 0x9e3779b9), 0x5bd1e995) ^ (h2 >>> 15);
    }
    return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
  }

  private sameShape(a: number, b: number): boolean {
    const { firstEdge, edgeType, edgeName, property: p } = this;
    let ea = firstEdge[a];
    let eb = firstEdge[b];
    const endA = firstEdge[a + 1];
    const endB = firstEdge[b + 1];
    for (;;) {
      while (ea < endA && edgeType[ea] !== p) ea++;
      while (eb < endB && edgeType[eb] !== p) eb++;
      if (ea === endA || eb === endB) return ea === endA && eb === endB;
      if (edgeName[ea] !== edgeName[eb]) return false;
      ea++;
      eb++;
    }
  }
}
