import { CancelledError, TaskContext } from '../rpc/rpc';
import { buildHeapGraph } from './graph/buildHeapGraph';
import { ClassIndex } from './analysis/classIndex';
import { HeapGraph } from './graph/heapGraph';
import { GraphThread, startGraphThread } from './thread/startGraphThread';
import { sharedSnapshotOf } from './thread/sharedSnapshotOf';
import { edgesOnThread } from './thread/edgesOnThread';
import { parseSnapshotFile } from './snapshot/parseSnapshotFile';
import { releaseMemory } from './releaseMemory';

export interface LoadedSnapshot {
  readonly graph: HeapGraph;
  /** The class index when the helper thread built it alongside the graph, else null (built on first use). */
  readonly classes: ClassIndex | null;
}

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
    await thread?.dispose();
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
  const classesThere = thread && shared ? thread.remote.classIndex({ ...shared, locations: parsed.locations }, call) : null;
  // Awaited below; this only keeps an early failure from counting as unhandled meanwhile.
  classesThere?.catch(() => {});
  try {
    const graph = await buildHeapGraph(parsed, {
      progress: (phase, done, total) => ctx.progress(phase, done, total),
      checkpoint: () => ctx.checkpoint(),
      distancesElsewhere: thread && shared ? () => thread.remote.distances(shared, call) : undefined,
    });
    const classes = classesThere ? await classesThere : null;
    // The build's work arrays died with it: give their memory back before the analysis allocates.
    releaseMemory();
    return { graph, classes };
  } catch (error) {
    // The parser's errors name the file; the graph's (a snapshot that parses but makes no
    // sense) do not: say which file, keep the code.
    if (error instanceof CancelledError || !(error instanceof Error)) throw error;
    const code = (error as { code?: unknown }).code;
    throw Object.assign(new Error(`${file}: ${error.message}`), { code: typeof code === 'string' ? code : 'EGRAPH' });
  }
}
