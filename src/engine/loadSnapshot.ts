import { TaskContext } from '../rpc/rpc';
import { buildHeapGraph } from './graph/buildHeapGraph';
import { HeapGraph } from './graph/heapGraph';
import { parseSnapshotFile } from './snapshot/parseSnapshotFile';

/** The default loader: our streaming parser, then the graph, both reporting through `ctx`. */
export async function loadSnapshot(file: string, ctx: TaskContext): Promise<HeapGraph> {
  const parsed = await parseSnapshotFile(file, {
    onProgress: (done: number, total: number) => ctx.progress('parse', done, total),
    signal: ctx.signal,
    checkpoint: () => ctx.checkpoint(),
  });
  return buildHeapGraph(parsed, {
    progress: (phase, done, total) => ctx.progress(phase, done, total),
    checkpoint: () => ctx.checkpoint(),
  });
}
