/**
 * The dominator tree top-down, as a compressed index: node i's children are
 * dominatedNodes[firstDominated[i] .. firstDominated[i + 1]), in ordinal order. The root is the
 * only node that dominates itself and is nobody's child.
 */
export function buildDominatedNodes(dominator: Uint32Array, root: number): { firstDominated: Uint32Array; dominatedNodes: Uint32Array } {
  const nodeCount = dominator.length;
  const firstDominated = new Uint32Array(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) if (v !== root) firstDominated[dominator[v] + 1]++;
  for (let i = 0; i < nodeCount; i++) firstDominated[i + 1] += firstDominated[i];
  const dominatedNodes = new Uint32Array(nodeCount > 0 ? nodeCount - 1 : 0);
  const next = firstDominated.slice(0, nodeCount);
  for (let v = 0; v < nodeCount; v++) if (v !== root) dominatedNodes[next[dominator[v]]++] = v;
  return { firstDominated, dominatedNodes };
}
