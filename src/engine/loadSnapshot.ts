import { CancelledError, TaskContext } from '../protocol/rpc';
import { buildHeapGraph } from './graph/buildHeapGraph';
import { OffloadedSteps } from './graph/buildOptions';
import { ClassIndex, buildClassIndex } from './analysis/classIndex';
import { ClassAggregates, aggregateClasses } from './analysis/classAggregates';
import { PrebuiltAnalysis } from './analysis/snapshotAnalysis';
import { HeapGraph } from './graph/heapGraph';
import { GraphThread, startGraphThread } from './thread/startGraphThread';
import { sharedSnapshotOf } from './thread/sharedSnapshotOf';
import { edgesOnThread } from './thread/edgesOnThread';
import { parseSnapshotFile } from './snapshot/parseSnapshotFile';
import { releaseMemory } from './memory/releaseMemory';
import { isShared, sharedUint8 } from './memory/sharedArrays';
import { writtenFirst } from './memory/writtenFirst';

/** The graph, with what the first summary of it needs if it was built alongside. */
export interface LoadedSnapshot extends PrebuiltAnalysis {
  readonly graph: HeapGraph;
}

/** How many top objects the helper thread ranks for the first summary (the engine's default asks for 20). */
export const PREBUILT_TOP = 100;

/**
 * The default loader: our streaming parser, then the graph, both reporting through `ctx`. With
 * the helper thread, the edges are read there while this thread reads the rest of the file, then
 * the distances and the class index are built there while this thread builds the retainers and
 * dominators.
 */
export async function loadSnapshot(file: string, ctx: TaskContext): Promise<LoadedSnapshot> {
  // Started first so its script has loaded by the time the graph needs it.
  const thread = startGraphThread();
  try {
    return await parseAndBuild(file, ctx, thread);
  } finally {
    // Not awaited: its teardown (a few ms) runs on its own core while the caller goes on.
    thread?.dispose().catch(() => {});
  }
}

async function parseAndBuild(file: string, ctx: TaskContext, thread: GraphThread | null): Promise<LoadedSnapshot> {
  const parsed = await parseSnapshotFile(file, {
    onProgress: (done: number, total: number) => ctx.progress('parse', done, total),
    signal: ctx.signal,
    checkpoint: () => ctx.checkpoint(),
    edgesElsewhere: thread ? edgesOnThread(thread) : undefined,
  });
  const call = { signal: ctx.signal };
  const shared = thread ? sharedSnapshotOf(parsed, parsed.meta.rootOrdinal) : null;
  // The thread takes calls one at a time, in this order: the page objects while this thread
  // builds the retainers, then shallow sizes, the class index and distances while it builds the
  // dominators, then the retaining edges and the top objects while it sums retained sizes and
  // class sizes.
  const remote = shared ? thread?.remote : undefined;
  // Marked by reading then setting bits (see writtenFirst).
  const flags = remote ? writtenFirst(sharedUint8(parsed.nodeCount)) : null;
  const pageObjects = remote && shared && flags ? remote.pageObjects({ ...shared, flags }, call) : null;
  const shallow = remote && shared ? remote.shallowSizes(shared, call) : null;
  const classesThere = remote && shared ? remote.classIndex({ ...shared, locations: parsed.locations }, call) : null;
  const distances = remote && shared ? remote.distances(shared, call) : null;
  const offload: OffloadedSteps | undefined = remote && shared && flags && pageObjects && shallow && distances
    ? {
      flags, pageObjects, shallowSizes: shallow, distances,
      retainerEdges: (firstRetainer, slots, cursor) => remote.retainerEdges({ ...shared, firstRetainer, slots, cursor }, call),
    }
    : undefined;
  // Awaited below; this only keeps an early failure from counting as unhandled meanwhile.
  classesThere?.catch(() => {});
  const checkpoint = () => ctx.checkpoint();
  let classes: ClassIndex | null = null;
  let aggregates: ClassAggregates | null = null;
  let topThere: Promise<number[]> | null = null;
  try {
    const graph = await buildHeapGraph(parsed, {
      progress: (phase, done, total) => ctx.progress(phase, done, total),
      checkpoint,
      offload,
      // The class table every open shows first, summed while the other thread writes the
      // retaining edges (which the sums do not read).
      beforeRetainingEdges: async (partial, scratch) => {
        ctx.progress('summarise', 0, 1);
        // Ranked there once it has written the edges, while this thread sums the classes.
        const { retainedSize } = partial;
        topThere = remote && shared && isShared(retainedSize) ? remote.topObjects({ ...shared, retainedSize, limit: PREBUILT_TOP }, call) : null;
        topThere?.catch(() => {});
        classes = classesThere ? await classesThere : await buildClassIndex(partial, checkpoint);
        aggregates = await aggregateClasses(partial, classes, checkpoint, undefined, scratch);
      },
    });
    const top = topThere ? { limit: PREBUILT_TOP, nodes: await topThere } : null;
    // The build's work arrays died with it: give their memory back before the analysis allocates.
    releaseMemory();
    return { graph, classes, aggregates, top };
  } catch (error) {
    // The parser's errors name the file; the graph's (a snapshot that parses but makes no
    // sense) do not: say which file, keep the code.
    if (error instanceof CancelledError || !(error instanceof Error)) throw error;
    const code = (error as { code?: unknown }).code;
    throw Object.assign(new Error(`${file}: ${error.message}`), { code: typeof code === 'string' ? code : 'EGRAPH' });
  }
}
