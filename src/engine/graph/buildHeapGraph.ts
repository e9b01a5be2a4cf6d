import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, pause } from './buildOptions';
import { buildDominatedNodes } from './buildDominatedNodes';
import { buildRetainers } from './buildRetainers';
import { computeDistances } from './computeDistances';
import { computeDominators } from './computeDominators';
import { computeRetainedSizes } from './computeRetainedSizes';
import { computeShallowSizes } from './computeShallowSizes';
import { essentialEdges } from './essentialEdges';
import { HeapGraph } from './heapGraph';
import { markPageObjects } from './markPageObjects';
import { StringMarks } from './stringMarks';
import { resolveEdgeTypeIds, resolveNodeTypeIds } from './typeIds';
import { hasUserRoots } from './userRoots';

export type { BuildOptions } from './buildOptions';

/**
 * Derives everything the analysis needs from the parsed columns, with Chrome DevTools' semantics
 * so retained sizes, distances and dominators equal what its heap snapshot worker computes (each
 * step's file says which DevTools rule it follows and why). Steps, in order: type ids, retainers,
 * shallow sizes, page objects, essential edges, distances, dominators, retained sizes, dominated
 * nodes. Progress is reported per phase; `checkpoint` is awaited every ~131k items.
 *
 * Not modelled: DevTools' detachedness propagation, which only renames native (DOM) nodes and
 * never changes sizes or dominators.
 */
export async function buildHeapGraph(parsed: ParsedSnapshot, options: BuildOptions = {}): Promise<HeapGraph> {
  const { meta, nodeCount } = parsed;
  if (nodeCount === 0) throw new Error('heap snapshot has no nodes');
  const root = meta.rootOrdinal;
  if (!(root >= 0 && root < nodeCount)) throw new Error(`heap snapshot root ordinal ${root} is out of range`);
  const types = resolveNodeTypeIds(meta);
  const edgeTypes = resolveEdgeTypeIds(meta);
  const marks = new StringMarks(parsed.strings);

  const retainers = await buildRetainers(parsed, options);
  await pause(options, 'retainers', 1, 1);
  const userRoots = hasUserRoots(parsed, types, marks, root);
  const shallow = await computeShallowSizes(parsed, types, edgeTypes, marks, root, userRoots, options);
  await pause(options, 'shallow sizes', 1, 1);
  const nodeFlags = new Uint8Array(nodeCount);
  await markPageObjects(parsed, types, edgeTypes, marks, root, nodeFlags, options);
  const essential = await essentialEdges(parsed, edgeTypes, marks, nodeFlags, root, options);
  await pause(options, 'essential edges', 1, 1);
  const distance = await computeDistances(parsed, types, edgeTypes, marks, root, options);
  await pause(options, 'distances', 1, 1);
  const { dominator, order, dominatorRank } = await computeDominators(parsed, retainers, essential, root, nodeFlags, options);
  await pause(options, 'dominators', 1, 1);
  const retainedSize = computeRetainedSizes(shallow, order, dominatorRank);
  await pause(options, 'retained sizes', 1, 1);
  const { firstDominated, dominatedNodes } = buildDominatedNodes(dominator, root);
  await pause(options, 'dominated nodes', 1, 1);

  return {
    ...parsed,
    nodeSelfSize: shallow,
    rawSelfSize: parsed.nodeSelfSize,
    root, types, edgeTypes,
    ...retainers,
    distance, dominator, retainedSize, firstDominated, dominatedNodes, nodeFlags,
  };
}
