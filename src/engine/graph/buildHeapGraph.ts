import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { spareFirst, spareSums } from '../memory/spareLayout';
import { BuildOptions, pause } from './buildOptions';
import { buildRetainers } from './buildRetainers';
import { computeDominators } from './computeDominators';
import { computeRetainedSizes } from './computeRetainedSizes';
import { EssentialEdges } from './essentialEdges';
import { GraphInput } from './graphSteps';
import { HeapGraph } from './heapGraph';
import { LocalSteps } from './localSteps';
import { StringMarks } from './stringMarks';
import { resolveEdgeTypeIds, resolveNodeTypeIds } from './typeIds';
import { hasUserRoots } from './userRoots';

export type { BuildOptions } from './buildOptions';

/**
 * Derives everything the analysis needs from the parsed columns, with Chrome DevTools' semantics
 * so retained sizes, distances and dominators equal what its heap snapshot worker computes (each
 * step's file says which DevTools rule it follows and why). Steps, in order: type ids, page
 * objects and retainers with essential edges, dominators, retaining edges, shallow sizes,
 * retained sizes, the caller's own step (beforeRetainingEdges), distances. The steps that need only the parsed columns come from
 * `options.steps` (the engine's helper thread), else run here (LocalSteps). Progress is reported
 * per phase; `checkpoint` is awaited every ~131k items.
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
  const input: GraphInput = { parsed, types, edgeTypes, marks, root, userRoots: hasUserRoots(parsed, types, marks, root) };
  const steps = options.steps ?? new LocalSteps(nodeCount);
  const { nodeFlags, shared } = steps;

  const retainers = await steps.retainers(input, options, async (pageRule) => {
    const built = await buildRetainers(parsed, new EssentialEdges(parsed, edgeTypes, marks, nodeFlags, root, pageRule), options, shared);
    marks.forgetTableIds();
    return built;
  });
  await pause(options, 'retainers', 1, 1);
  const { dominator, order, dominatorRank, spare } = await computeDominators(parsed, retainers, root, nodeFlags, options, {
    shared, ownersRead: (spent) => steps.ownersRead(input, retainers, spent),
  });
  // The dominators were the last to read the essential-edge bits (a bit per edge and per slot).
  retainers.essential = retainers.essentialSlot = NO_BITS;
  await pause(options, 'dominators', 1, 1);
  // The dominators are the build's peak of memory. Every step after them works in their spent
  // arrays rather than fresh ones (see spareLayout): in `spare`, in the ranks once summed
  // (retained sizes) and in the DFS order once used (the summary's lists, then the distances).
  const retainerEdges = await steps.retainerEdges(input, retainers, spare, options);
  await pause(options, 'retainer edges', 1, 1);
  const shallow = await steps.shallowSizes(input, spare, options);
  await pause(options, 'shallow sizes', 1, 1);
  const retainedSize = computeRetainedSizes(shallow, order, dominatorRank, spareSums(spare, nodeCount), dominatorRank);
  await pause(options, 'retained sizes', 1, 1);
  const graph = {
    ...parsed,
    nodeSelfSize: shallow,
    rawSelfSize: parsed.nodeSelfSize,
    root, types, edgeTypes,
    firstRetainer: retainers.firstRetainer, dominator, retainedSize, nodeFlags,
  };
  // Not the spare's cursors: the retaining edges may still be being written there.
  await options.beforeRetainingEdges?.(graph, [spareFirst(spare, nodeCount), order]);
  const distance = await steps.distances(input, spare, order, options);
  await pause(options, 'distances', 1, 1);
  return { ...graph, distance, retainerEdge: await retainerEdges.written };
}

const NO_BITS = new Uint32Array(0);
