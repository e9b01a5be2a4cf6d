import { CancelledError, TaskContext } from '../protocol/rpc';
import { buildHeapGraph } from './graph/buildHeapGraph';
import { ClassIndex } from './analysis/classIndex';
import { ClassAggregates, aggregateClasses } from './analysis/classAggregates';
import { PrebuiltAnalysis } from './analysis/snapshotAnalysis';
import { HeapGraph } from './graph/heapGraph';
import { GraphThread, startGraphThread } from './thread/startGraphThread';
import { ThreadSteps } from './thread/threadSteps';
import { LoadSteps, LocalLoadSteps } from './loadSteps';
import { edgesOnThread } from './thread/edgesOnThread';
import { parseSnapshotFile } from './snapshot/parseSnapshotFile';
import { releaseMemory } from './memory/releaseMemory';
import { ErrorCode } from '../protocol/errorCode';
import { LoadSchedule, chooseSchedule } from './loadSchedule';

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
 * dominators, or after the dominators for a large graph (see loadSchedule.ts).
 */
export async function loadSnapshot(file: string, ctx: TaskContext, options: LoadOptions = {}): Promise<LoadedSnapshot> {
  // Started first so its script has loaded by the time the graph needs it.
  const thread = startGraphThread();
  try {
    return await parseAndBuild(file, ctx, thread, options);
  } finally {
    // Not awaited: its teardown (a few ms) runs on its own core while the caller goes on.
    thread?.dispose().catch(() => {});
  }
}

/** How loadSnapshot runs. */
export interface LoadOptions {
  /** The helper thread's schedule; by default chooseSchedule's for the parsed graph. */
  readonly schedule?: LoadSchedule;
}

async function parseAndBuild(file: string, ctx: TaskContext, thread: GraphThread | null, options: LoadOptions): Promise<LoadedSnapshot> {
  const parsed = await parseSnapshotFile(file, {
    onProgress: (done: number, total: number) => ctx.progress('parse', done, total),
    signal: ctx.signal,
    checkpoint: () => ctx.checkpoint(),
    edgesHelper: thread ? edgesOnThread(thread) : undefined,
  });
  // On the helper thread where the parser's columns are shared memory, else here.
  const schedule = options.schedule ?? chooseSchedule(parsed);
  const steps: LoadSteps = (thread && ThreadSteps.start(thread.remote, parsed, { signal: ctx.signal }, schedule)) ?? new LocalLoadSteps(parsed.nodeCount);
  const checkpoint = () => ctx.checkpoint();
  let classes: ClassIndex | null = null;
  let aggregates: ClassAggregates | null = null;
  let topThere: Promise<number[]> | null = null;
  try {
    const graph = await buildHeapGraph(parsed, {
      progress: (phase, done, total) => ctx.progress(phase, done, total),
      checkpoint,
      steps,
      // The class table every open shows first, summed while the other thread writes the
      // retaining edges (which the sums do not read).
      beforeRetainingEdges: async (partial, scratch) => {
        ctx.progress('summarise', 0, 1);
        // Ranked there once it has written the edges, while this thread sums the classes.
        topThere = steps.topObjects(partial.retainedSize, PREBUILT_TOP);
        // One after the other in the same spent arrays.
        classes = await steps.classIndex(partial, checkpoint, scratch);
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
    throw Object.assign(new Error(`${file}: ${error.message}`), { code: typeof code === 'string' ? code : ErrorCode.Graph });
  }
}
