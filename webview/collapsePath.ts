import { FindingPathStep } from '../src/protocol/finding';
import { pathRuns } from '../src/protocol/pathRuns';

/**
 * A retainer path as the graph draws it: the root, then each held node with the edge into it.
 * Runs of two or more engine-internal steps (edge types 'internal', 'hidden', 'shortcut': the
 * V8 plumbing between a user object and what it holds) become one edge "N internal steps",
 * except that the edge to cut and the final edge are always shown as themselves. Runs of one
 * repeated step (pathRuns: "36 × `next` through Listener", as the CLI prints it) become one
 * edge first, marked as the cut when the edge to cut is among them.
 * Pure: no DOM.
 *
 * Indexing: path[0] is the root (its `edge` names the root); path[i] for i ≥ 1 is the edge from
 * path[i-1]'s node to path[i]'s node. cutIndex indexes path.
 */
export interface GraphNode {
  id: number;
  name: string;
  /** Index in the original path. */
  step: number;
}

export interface GraphEdge {
  label: string;
  type: string;
  /** True for the edge a fix would cut. */
  cut: boolean;
  /** Original steps this edge stands for (1 when not collapsed). */
  steps: number;
  /** The hidden intermediate nodes' names, for a tooltip. */
  hidden: string[];
}

export interface PathGraph {
  nodes: GraphNode[];
  /** edges[i] joins nodes[i] to nodes[i + 1]. */
  edges: GraphEdge[];
}

const INTERNAL_TYPES: ReadonlySet<string> = new Set(['internal', 'hidden', 'shortcut']);

export function collapsePath(path: readonly FindingPathStep[], cutIndex: number | null): PathGraph {
  if (path.length === 0) return { nodes: [], edges: [] };
  const nodes: GraphNode[] = [{ id: path[0].id, name: path[0].name, step: 0 }];
  const edges: GraphEdge[] = [];
  const last = path.length - 1;
  const runs = new Map(pathRuns(path, 1).map((r) => [r.start, r]));
  const collapsible = (i: number) => i !== cutIndex && i !== last && !runs.has(i) && INTERNAL_TYPES.has(path[i].type);
  let i = 1;
  while (i <= last) {
    const repeated = runs.get(i);
    if (repeated) {
      const end = i + repeated.count - 1;
      const cut = cutIndex !== null && cutIndex >= i && cutIndex <= end;
      edges.push({ label: repeated.text, type: repeated.type, cut, steps: repeated.count, hidden: path.slice(i, end).map((s) => s.name) });
      nodes.push({ id: path[end].id, name: path[end].name, step: end });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j <= last && collapsible(j)) j++;
    const run = j - i;
    if (run >= 2) {
      // Steps i..j-1 are plumbing; the run ends on node j-1, which is drawn.
      edges.push({
        label: `${run} internal steps`,
        type: 'internal',
        cut: false,
        steps: run,
        hidden: path.slice(i, j - 1).map((s) => s.name),
      });
      nodes.push({ id: path[j - 1].id, name: path[j - 1].name, step: j - 1 });
      i = j;
      continue;
    }
    const step = path[i];
    edges.push({ label: step.label || step.edge, type: step.type, cut: i === cutIndex, steps: 1, hidden: [] });
    nodes.push({ id: step.id, name: step.name, step: i });
    i++;
  }
  return { nodes, edges };
}
