import { pathView } from '../analysis/pathView';
import { findRetainerPaths } from '../analysis/retainerPaths';
import { HeapGraph } from '../graph/heapGraph';
import { FindingPathStep } from './finding';

/**
 * The best retainer path to `target` for a finding: the shortest path from a user-visible root
 * (analysis/retainerPaths.ts puts those first), as steps from the root. The first step is the
 * root itself. `cutIndex` is the step leaving `holder` (the edge a fix would cut), when the
 * path passes through it.
 */
export async function findingPath(
  graph: HeapGraph,
  target: number,
  holder: number | null,
  checkpoint: () => Promise<void>,
): Promise<{ path: FindingPathStep[]; cutIndex: number | null }> {
  const [raw] = await findRetainerPaths(graph, target, { k: 1, slack: 0, maxExpansions: 50_000 }, checkpoint);
  if (!raw) return { path: [], cutIndex: null };
  const view = pathView(graph, raw);
  const path: FindingPathStep[] = [
    { edge: view.root.name, type: 'root', name: view.root.name, id: view.root.id, label: `GC root ${view.root.name}` },
  ];
  for (const step of view.steps) path.push({ edge: step.edge, type: step.type, name: step.name, id: step.id, label: step.label });
  let cutIndex: number | null = null;
  if (holder !== null) {
    const holderId = graph.nodeId[holder];
    const at = path.findIndex((s) => s.id === holderId);
    if (at >= 0 && at + 1 < path.length) cutIndex = at + 1;
  }
  return { path, cutIndex };
}
