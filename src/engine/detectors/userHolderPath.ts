import { RawPath, findRetainerPaths } from '../analysis/retainerPaths';
import { UNREACHABLE } from '../graph/heapGraph';
import { retainerOwner } from '../graph/retainerOwner';
import { GraphReader } from './graphReader';

/** Bounds on the search up from the target: nodes visited, and hops. */
const MAX_VISITS = 20_000;
const MAX_HOPS = 12;

/**
 * A path to `target` through the nearest variable of the user's own code: a `context` edge of a
 * closure Context whose closures come from a script outside node_modules and Node's own `node:`
 * modules (a module-level variable of a CommonJS file lives in such a Context, as does a
 * closure's captured variable). A library's own timer or registry often gives the shortest path
 * (node-cache's check-period timer: `timerListMap` → Timeout → bound `_checkData` → NodeCache),
 * while the user knows the object by their variable (`responseCache`).
 *
 * Breadth-first up the retainers from the target (non-weak edges, reachable owners), bounded by
 * MAX_VISITS and MAX_HOPS, so the first user variable met is the one fewest hops above the
 * target; then the shortest path from the roots to its Context (retainerPaths.ts) and the BFS
 * chain back down. Null when no user variable holds the target within the bounds, or when the
 * two parts would meet (the result must be a simple path). Indexing: node and edge ordinals.
 */
export async function userHolderPath(reader: GraphReader, target: number, checkpoint: () => Promise<void>): Promise<RawPath | null> {
  const g = reader.graph;
  // Per visited node: the edge by which it holds the next node towards the target, and that node.
  const down = new Map<number, { edge: number; to: number }>();
  down.set(target, { edge: -1, to: -1 });
  let frontier = [target];
  let found = -1;
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0 && found < 0 && down.size < MAX_VISITS; hop++) {
    const next: number[] = [];
    for (let i = 0; i < frontier.length && found < 0; i++) {
      const node = frontier[i];
      for (let r = g.firstRetainer[node]; r < g.firstRetainer[node + 1]; r++) {
        const edge = g.retainerEdge[r];
        if (g.edgeType[edge] === g.edgeTypes.weak) continue;
        const from = retainerOwner(g, r);
        if (down.has(from) || g.distance[from] === UNREACHABLE) continue;
        down.set(from, { edge, to: node });
        next.push(from);
        if (g.edgeType[edge] === g.edgeTypes.context && isUserContext(reader, from)) {
          found = from;
          break;
        }
      }
    }
    frontier = next;
    await checkpoint();
  }
  if (found < 0) return null;
  const [toContext] = await findRetainerPaths(g, found, { k: 1, slack: 0, maxExpansions: 50_000 }, checkpoint);
  if (!toContext) return null;
  const nodes = [...toContext.nodes];
  const edges = [...toContext.edges];
  const onPath = new Set(nodes);
  for (let at = found; at !== target; ) {
    const step = down.get(at) as { edge: number; to: number };
    if (onPath.has(step.to)) return null;
    nodes.push(step.to);
    edges.push(step.edge);
    onPath.add(step.to);
    at = step.to;
  }
  return { nodes, edges, internal: toContext.internal };
}

/** A Context used by a closure of the user's own code: its script is neither `node:` nor under node_modules. */
export function isUserContext(reader: GraphReader, context: number): boolean {
  const g = reader.graph;
  if (reader.name(context) !== 'system / Context') return false;
  for (let r = g.firstRetainer[context]; r < g.firstRetainer[context + 1]; r++) {
    const from = retainerOwner(g, r);
    if (g.nodeType[from] !== g.types.closure || reader.edgeName(g.retainerEdge[r]) !== 'context') continue;
    const url = reader.scriptUrl(from);
    if (url !== null) return isUserScript(url);
  }
  return false;
}

/** Outside Node's own modules and outside installed packages. */
export function isUserScript(url: string): boolean {
  return url !== '' && !url.startsWith('node:') && !/[\\/]node_modules[\\/]/.test(url);
}

/** True when a step of the path is a variable of a user Context. */
export function passesUserVariable(reader: GraphReader, path: RawPath): boolean {
  const g = reader.graph;
  for (let i = 0; i < path.edges.length; i++) {
    if (g.edgeType[path.edges[i]] === g.edgeTypes.context && isUserContext(reader, path.nodes[i])) return true;
  }
  return false;
}
