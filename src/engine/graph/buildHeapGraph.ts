import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, pause } from './buildOptions';
import { buildRetainers } from './buildRetainers';
import { computeDistances } from './computeDistances';
import { computeDominators } from './computeDominators';
import { computeRetainedSizes } from './computeRetainedSizes';
import { computeShallowSizes } from './computeShallowSizes';
import { EssentialEdges, dropNonPageEdges } from './essentialEdges';
import { HeapGraph } from './heapGraph';
import { markPageObjects } from './markPageObjects';
import { retainerEdgesInPlace } from './retainerEdgesInPlace';
import { StringMarks } from './stringMarks';
import { resolveEdgeTypeIds, resolveNodeTypeIds } from './typeIds';
import { hasUserRoots } from './userRoots';
import { spareCursors, spareWork } from '../memory/spareLayout';
import { writtenFirst } from '../memory/writtenFirst';

export type { BuildOptions } from './buildOptions';

/**
 * Derives everything the analysis needs from the parsed columns, with Chrome DevTools' semantics
 * so retained sizes, distances and dominators equal what its heap snapshot worker computes (each
 * step's file says which DevTools rule it follows and why). Steps, in order: type ids, page
 * objects, retainers with essential edges, dominators, retainer edges, shallow sizes, retained
 * sizes, distances; with `offload`, the page objects, shallow sizes and distances come from
 * another thread. Progress is reported per phase; `checkpoint` is awaited every ~131k items.
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

  const userRoots = hasUserRoots(parsed, types, marks, root);
  const { offload } = options;
  // Steps under way on another thread surface their failures where they are awaited; the catch
  // only keeps an early one from counting as unhandled meanwhile.
  offload?.pageObjects.catch(() => {});
  offload?.shallowSizes.catch(() => {});
  offload?.distances.catch(() => {});
  const nodeFlags = offload ? offload.flags : writtenFirst(new Uint8Array(nodeCount));
  if (!offload) await markPageObjects(parsed, types, edgeTypes, marks, root, nodeFlags, options);
  // With the page objects marked elsewhere meanwhile, the fill leaves their rule out, and the
  // edges it drops are dropped once the marks are done: no wait for them before the fill.
  const retainers = await buildRetainers(parsed, new EssentialEdges(parsed, edgeTypes, marks, nodeFlags, root, !offload), options, !!offload);
  if (offload) {
    await offload.pageObjects;
    dropNonPageEdges(parsed, nodeFlags, root, retainers);
  }
  await pause(options, 'retainers', 1, 1);
  const { firstRetainer } = retainers;
  // With another thread, the retaining edges are written there as soon as the dominators are done
  // with the owners (while they write their results), its fill cursors in the spare (see spareLayout).
  let edgesThere: Promise<Uint32Array> | null = null;
  const ownersRead = offload ? (spare: Uint32Array) => {
    edgesThere = offload.retainerEdges(firstRetainer, retainers.retainerNode, spareCursors(spare, nodeCount));
    edgesThere.catch(() => {});
  } : undefined;
  const { dominator, order, dominatorRank, spare } = await computeDominators(parsed, retainers, root, nodeFlags, options, {
    shared: !!offload, ownersRead,
  });
  await pause(options, 'dominators', 1, 1);
  // The dominators are the build's peak of memory. Every step after them works in their spent
  // arrays rather than fresh ones: temporaries in `spare` (see spareLayout), the ranks once summed
  // (retained sizes) and the DFS order once used (distances).
  const retainerEdge = edgesThere ?? Promise.resolve(await retainerEdgesInPlace(parsed, firstRetainer, retainers.retainerNode, spare, options));
  await pause(options, 'retainer edges', 1, 1);
  const shallow = offload ? await offload.shallowSizes : await computeShallowSizes(parsed, types, edgeTypes, marks, root, userRoots, options, spare);
  await pause(options, 'shallow sizes', 1, 1);
  const retainedSize = computeRetainedSizes(shallow, order, dominatorRank, spare, dominatorRank);
  await pause(options, 'retained sizes', 1, 1);
  const distance = offload ? await offload.distances : await computeDistances(parsed, types, edgeTypes, marks, root, options, spare, order);
  await pause(options, 'distances', 1, 1);
  const graph = {
    ...parsed,
    nodeSelfSize: shallow,
    rawSelfSize: parsed.nodeSelfSize,
    root, types, edgeTypes,
    firstRetainer, distance, dominator, retainedSize, nodeFlags,
  };
  // Not the cursors' quarter: the other thread may still be working there.
  await options.beforeRetainingEdges?.(graph, spareWork(spare, nodeCount));
  return { ...graph, retainerEdge: await retainerEdge };
}
