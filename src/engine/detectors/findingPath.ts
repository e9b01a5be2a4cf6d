import { pathView } from '../analysis/pathView';
import { findRetainerPaths } from '../analysis/retainerPaths';
import { HeapGraph } from '../graph/heapGraph';
import { FindingPathStep } from '../../protocol/finding';
import { readerFor } from './graphViews';
import { passesUserVariable, userHolderPath } from './userHolderPath';

/**
 * The best retainer path to `target` for a finding: the shortest path from a user-visible root
 * (analysis/retainerPaths.ts puts those first), as steps from the root. The first step is the
 * root itself. `cutIndex` is the step leaving `holder` (the edge a fix would cut), when the
 * path passes through it. With `preferUser` (the default), when the shortest path passes no
 * variable of the user's own code, a path through the nearest such variable above the target
 * (userHolderPath.ts) is taken instead, unless only V8's internal roots lead to it.
 */
export async function findingPath(
  graph: HeapGraph,
  target: number,
  holder: number | null,
  checkpoint: () => Promise<void>,
  preferUser = true,
): Promise<{ path: FindingPathStep[]; cutIndex: number | null }> {
  let [raw] = await findRetainerPaths(graph, target, { k: 1, slack: 0, maxExpansions: 50_000 }, checkpoint);
  if (!raw) return { path: [], cutIndex: null };
  if (preferUser) {
    const reader = readerFor(graph);
    if (!passesUserVariable(reader, raw)) {
      const user = await userHolderPath(reader, target, checkpoint);
      if (user && (!user.internal || raw.internal)) raw = user;
    }
  }
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
