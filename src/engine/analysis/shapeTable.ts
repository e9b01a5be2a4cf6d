import { TypedSnapshot } from '../graph/heapGraph';

/**
 * Numbers objects by their "shape" as the snapshot shows it: the names of their property edges
 * in order. Plain objects come by the hundred thousand in few shapes, so naming work is done
 * once per shape. Open addressing over typed arrays keyed by a 32-bit hash of the name string
 * indices; a hit is confirmed by comparing the edges with the shape's first node, so a collision
 * costs a compare, never a wrong answer. Shape ordinals count up from 0 in first-seen order.
 */
export class ShapeTable {
  /** Per shape ordinal: the first node seen with it. */
  private representatives = new Uint32Array(64);
  private hashes = new Int32Array(64);
  private count = 0;
  /** Per slot: shape ordinal + 1, 0 when empty. Size a power of two, at most half full. */
  private slots = new Int32Array(128);
  private readonly property: number;
  // The graph's columns held directly: the graph object itself has too many fields to be fast.
  private readonly firstEdge: Uint32Array;
  private readonly edgeType: Uint8Array;
  private readonly edgeName: Uint32Array;

  constructor(graph: TypedSnapshot) {
    this.property = graph.edgeTypes.property;
    this.firstEdge = graph.firstEdge;
    this.edgeType = graph.edgeType;
    this.edgeName = graph.edgeNameOrIndex;
  }

  get size(): number {
    return this.count;
  }

  representative(shape: number): number {
    return this.representatives[shape];
  }

  /** The node's shape ordinal; a new one (= size before the call) when the shape is new. */
  shapeOf(node: number): number {
    const h = this.hash(node);
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const s = slots[slot] - 1;
      if (s < 0) break;
      if (this.hashes[s] === h && this.sameShape(this.representatives[s], node)) return s;
      slot = (slot + 1) & mask;
    }
    const shape = this.count++;
    if (shape === this.representatives.length) {
      this.representatives = grow(this.representatives, new Uint32Array(shape * 2));
      this.hashes = grow(this.hashes, new Int32Array(shape * 2));
    }
    this.representatives[shape] = node;
    this.hashes[shape] = h;
    slots[slot] = shape + 1;
    if (this.count * 2 > slots.length) this.rehash();
    return shape;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let s = 0; s < this.count; s++) {
      let slot = this.hashes[s] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = s + 1;
    }
    this.slots = slots;
  }

  private hash(node: number): number {
    const { firstEdge, edgeType, edgeName, property } = this;
    let h = 0x811c9dc5;
    for (let e = firstEdge[node], end = firstEdge[node + 1]; e < end; e++) {
      if (edgeType[e] !== property) continue;
      h = Math.imul(h ^ edgeName[e], 0x01000193);
    }
    // MurmurHash3's finaliser: the slot is taken from the low bits, which FNV mixes poorly.
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
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

function grow<T extends Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
