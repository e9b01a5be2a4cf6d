/**
 * A copy of `a` twice as long, the tail zero: how the engine's growable stacks and lists (DFS and
 * walk stacks, location columns, plain-object lists) make room when they are full.
 */
export function doubled(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
