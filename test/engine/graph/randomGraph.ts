import { EdgeTypeName, NodeTypeName, SnapshotBuilder } from '../snapshotBuilder';

/** Deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NODE_KINDS: [NodeTypeName, string][] = [
  ['object', 'Obj'], ['object', 'Other'], ['array', ''], ['hidden', 'system / Foo'], ['closure', 'fn'],
  ['string', 'str'], ['native', 'system / ExternalStringData'], ['code', 'code'], ['synthetic', '(Handles)'],
];
const EDGE_KINDS: EdgeTypeName[] = ['property', 'property', 'element', 'internal', 'context', 'hidden', 'weak', 'shortcut'];

/**
 * A random heap-like graph: a synthetic root with "(GC roots)", optionally a user global linked
 * by a root shortcut, and `size` nodes with random edges of every type, including self loops,
 * weak and shortcut edges, and WeakMap ephemeron pairs. Some nodes end up unreachable.
 */
export function randomGraph(seed: number, size: number): SnapshotBuilder {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const nodes: number[] = [gc];
  if (rnd() < 0.7) {
    const g = b.node('object', 'global', 20);
    b.edge(b.root, g, 'shortcut', 'global');
    nodes.push(g);
  }
  for (let i = 0; i < size; i++) {
    const [type, name] = pick(NODE_KINDS);
    nodes.push(b.node(type, name, Math.floor(rnd() * 100)));
  }
  const edges = size * 2;
  for (let i = 0; i < edges; i++) {
    const from = rnd() < 0.1 ? gc : pick(nodes);
    const to = rnd() < 0.05 ? from : pick(nodes.slice(1));
    const type = pick(EDGE_KINDS);
    b.edge(from, to, type, type === 'element' || type === 'hidden' ? i : `e${i % 17}`);
  }
  // WeakMap entries: the table and the key both hold the value, named the way V8 names them.
  for (let i = 0; i < size / 20; i++) {
    const table = pick(nodes.slice(1)), key = pick(nodes.slice(1)), value = pick(nodes.slice(1));
    const name = (n: number) => `${i} / part of key (Obj @${b.id(key)}) -> value (Obj @${b.id(value)}) pair in WeakMap (table @${b.id(n)})`;
    b.edge(table, value, 'internal', name(table));
    b.edge(key, value, 'internal', name(table));
  }
  return b;
}
