/**
 * Small graphs with hand-computed DevTools results, shared by the expected-value test and the
 * DevTools cross-check. Each case names its nodes; `expect` lists, per name, the retained size,
 * the immediate dominator's name and the distance ('-' = unreachable).
 */
import { SnapshotBuilder } from '../snapshotBuilder';

export interface GraphCase {
  name: string;
  build(b: SnapshotBuilder): Record<string, number>;
  expect: Record<string, [retained: number, dominator: string, distance: number | '-']>;
}

const SYS = 100_000_000;

export const GRAPH_CASES: GraphCase[] = [
  {
    name: 'chain under the GC roots, no user roots',
    build(b) {
      const gc = b.gcRoots();
      const a = b.node('object', 'A', 10), c = b.node('object', 'C', 30), bb = b.node('object', 'B', 20);
      b.edge(gc, a, 'element', 1).edge(a, bb, 'property', 'b').edge(bb, c, 'property', 'c');
      return { root: b.root, gc, a, b: bb, c };
    },
    expect: { root: [60, 'root', 0], gc: [60, 'root', 1], a: [60, 'gc', 2], b: [50, 'a', 3], c: [30, 'b', 4] },
  },
  {
    name: 'diamond: the join is dominated by the fork',
    build(b) {
      const gc = b.gcRoots();
      const a = b.node('object', 'A', 1), l = b.node('object', 'L', 2), r = b.node('object', 'R', 4), d = b.node('object', 'D', 8);
      b.edge(gc, a, 'element', 1).edge(a, l, 'property', 'l').edge(a, r, 'property', 'r')
        .edge(l, d, 'property', 'd').edge(r, d, 'property', 'd');
      return { gc, a, l, r, d };
    },
    expect: { gc: [15, 'root', 1], a: [15, 'gc', 2], l: [2, 'a', 3], r: [4, 'a', 3], d: [8, 'a', 4] },
  },
  {
    name: 'cycle entered once',
    build(b) {
      const gc = b.gcRoots();
      const a = b.node('object', 'A', 1), x = b.node('object', 'X', 2), y = b.node('object', 'Y', 4);
      b.edge(gc, a, 'element', 1).edge(a, x, 'property', 'x').edge(x, y, 'property', 'y').edge(y, x, 'property', 'back')
        .edge(y, a, 'property', 'up');
      return { gc, a, x, y };
    },
    expect: { a: [7, 'gc', 2], x: [6, 'a', 3], y: [4, 'x', 4] },
  },
  {
    name: 'weakly held node is an orphan under the root',
    build(b) {
      const gc = b.gcRoots();
      const a = b.node('object', 'A', 1), w = b.node('object', 'W', 100), k = b.node('object', 'K', 5);
      b.edge(gc, a, 'element', 1).edge(a, w, 'weak', 'ref').edge(w, k, 'property', 'k');
      return { gc, a, w, k };
    },
    expect: { root: [106, 'root', 0], a: [1, 'gc', 2], w: [105, 'root', '-'], k: [5, 'w', '-'] },
  },
  {
    name: 'weak and strong paths: only the strong one dominates',
    build(b) {
      const gc = b.gcRoots();
      const a = b.node('object', 'A', 1), c = b.node('object', 'C', 2), t = b.node('object', 'T', 50);
      b.edge(gc, a, 'element', 1).edge(gc, c, 'element', 2).edge(a, t, 'weak', 'w').edge(c, t, 'property', 't');
      return { gc, a, c, t };
    },
    expect: { a: [1, 'gc', 2], c: [52, 'gc', 2], t: [50, 'c', 3] },
  },
  {
    name: 'shortcut edges count for distance but not for dominators',
    build(b) {
      const gc = b.gcRoots();
      const a = b.node('object', 'A', 1), s = b.node('object', 'S', 2), t = b.node('object', 'T', 40), m = b.node('object', 'M', 3);
      b.edge(gc, a, 'element', 1).edge(gc, s, 'element', 2).edge(a, m, 'property', 'm').edge(m, t, 'property', 't')
        .edge(s, t, 'shortcut', 'fast');
      return { gc, a, s, m, t };
    },
    expect: { a: [44, 'gc', 2], s: [2, 'gc', 2], m: [43, 'a', 3], t: [40, 'm', 3] },
  },
  {
    name: 'island of mutually held nodes hangs off the root',
    build(b) {
      const gc = b.gcRoots();
      const a = b.node('object', 'A', 1), p = b.node('object', 'P', 7), q = b.node('object', 'Q', 9);
      b.edge(gc, a, 'element', 1).edge(p, q, 'property', 'q').edge(q, p, 'property', 'p').edge(q, a, 'property', 'a');
      return { gc, a, p, q };
    },
    // Q -> A does not make the root A's dominator: island edges are ignored, as in DevTools.
    expect: { root: [17, 'root', 0], a: [1, 'gc', 2], p: [7, 'root', '-'], q: [9, 'root', '-'] },
  },
  {
    name: 'self loop alone does not retain',
    build(b) {
      const gc = b.gcRoots();
      const s = b.node('object', 'S', 3), t = b.node('object', 'T', 4);
      b.edge(gc, t, 'element', 1).edge(s, s, 'property', 'me').edge(s, t, 'property', 't');
      return { gc, s, t };
    },
    // S is an orphan (its only retainer is itself): root -> S and gc -> T both reach T.
    expect: { s: [3, 'root', '-'], t: [4, 'root', 2] },
  },
  {
    name: 'user global: distances from user roots, internals folded into their owner',
    build(b) {
      const gc = b.gcRoots();
      const g = b.node('object', 'global', 10);
      b.edge(b.root, g, 'shortcut', 'global');
      const elems = b.node('array', '', 16), obj = b.node('object', 'Obj', 8), hid = b.node('hidden', 'system / Foo', 4);
      const shared = b.node('array', '', 32), handle = b.node('hidden', 'handle', 2);
      b.edge(g, elems, 'internal', 'elements').edge(g, obj, 'property', 'o').edge(obj, hid, 'internal', 'h')
        .edge(g, shared, 'internal', 's1').edge(obj, shared, 'internal', 's2')
        .edge(gc, handle, 'element', 1).edge(handle, obj, 'element', 0);
      return { root: b.root, gc, g, elems, obj, hid, shared, handle };
    },
    // elems (16) folds into global, hid (4) into obj; shared has two owners and keeps its size.
    // handle -> obj goes from a non-page object into a page object, so it does not count.
    // handle is hidden but reachable only from the synthetic "(GC roots)": nothing moves.
    expect: {
      root: [72, 'root', SYS], gc: [2, 'root', SYS + 1], g: [70, 'root', 1], elems: [0, 'g', 2],
      obj: [12, 'g', 2], hid: [0, 'obj', 3], shared: [32, 'g', 2], handle: [2, 'gc', SYS + 2],
    },
  },
];
