import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Remote, ServerMessage } from '../../protocol/rpc';
import { createWorkerClient } from '../../protocol/workerClient';
import { GraphThreadApi } from './graphThreadApi';

export interface GraphThread {
  readonly remote: Remote<GraphThreadApi>;
  /** Stops the thread; calls in flight fail. */
  dispose(): Promise<void>;
}

/**
 * Where the thread's script is: dist/graphThread.js next to the bundle that runs the engine
 * (engine worker, bench harness), or this folder's graphThread.ts when running from source
 * (tests under tsx).
 */
function threadScript(): string | null {
  for (const name of ['graphThread.js', 'graphThread.ts']) {
    const file = join(__dirname, name);
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * A second thread for the graph steps that need only the parsed columns (see GraphThreadApi),
 * so they run on the machine's second core while this thread does the dominators. Null when the
 * script is missing: the caller then runs those steps itself, slower but the same.
 */
export function startGraphThread(): GraphThread | null {
  const script = threadScript();
  if (!script) return null;
  // Not unref'd: while a call is in flight the thread is what the awaiting caller waits on, and
  // an unref'd one would let the process exit under it. dispose() ends it.
  const worker = script.endsWith('.ts')
    // From source: tsx's loader, registered with --import in this thread, does not reach worker
    // threads on Node 20, so the thread registers tsx's CommonJS hook itself.
    ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(script)});`, { eval: true })
    : new Worker(script);
  const client = createWorkerClient<GraphThreadApi>((message) => worker.postMessage(message), (listener) => {
    const handler = (message: ServerMessage) => listener(message);
    worker.on('message', handler);
    return () => worker.off('message', handler);
  });
  worker.on('error', (error) => client.die(new Error(`graph thread failed: ${error.message}`)));
  worker.on('exit', (code) => client.die(new Error(`graph thread exited with code ${code}`)));
  return {
    remote: client.remote,
    async dispose() {
      client.die(new Error('graph thread disposed'));
      client.dispose();
      await worker.terminate();
    },
  };
}
