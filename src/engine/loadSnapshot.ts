import { CancelledError, TaskContext } from '../rpc/rpc';
import { buildHeapGraph } from './graph/buildHeapGraph';
import { HeapGraph } from './graph/heapGraph';
import { GraphThread, startGraphThread } from './graph/startGraphThread';
import { parseSnapshotFile } from './snapshot/parseSnapshotFile';
import { releaseMemory } from './releaseMemory';

/** The default loader: our streaming parser, then the graph, both reporting through `ctx`. */
export async function loadSnapshot(file: string, ctx: TaskContext): Promise<HeapGraph> {
  // Started first so its script has loaded by the time the graph needs it.
  const thread = startGraphThread();
  try {
    return await parseAndBuild(file, ctx, thread);
  } finally {
    await thread?.dispose();
  }
}

async function parseAndBuild(file: string, ctx: TaskContext, thread: GraphThread | null): Promise<HeapGraph> {
  const parsed = await parseSnapshotFile(file, {
    onProgress: (done: number, total: number) => ctx.progress('parse', done, total),
    signal: ctx.signal,
    checkpoint: () => ctx.checkpoint(),
  });
  try {
    const graph = await buildHeapGraph(parsed, {
      progress: (phase, done, total) => ctx.progress(phase, done, total),
      checkpoint: () => ctx.checkpoint(),
      thread: thread?.remote,
    });
    // The build's work arrays died with it: give their memory back before the analysis allocates.
    releaseMemory();
    return graph;
  } catch (error) {
    // The parser's errors name the file; the graph's (a snapshot that parses but makes no
    // sense) do not: say which file, keep the code.
    if (error instanceof CancelledError || !(error instanceof Error)) throw error;
    const code = (error as { code?: unknown }).code;
    throw Object.assign(new Error(`${file}: ${error.message}`), { code: typeof code === 'string' ? code : 'EGRAPH' });
  }
}
