import { join } from 'node:path';
import { CallOptions, Remote } from '../protocol/rpc';
import { startEngineWorker } from '../engine/engineClient';
import { EngineApi } from '../protocol/engineApi';
import { CliIo } from './cliCommand';
import { ProgressBar } from './progressBar';

/**
 * Runs `work` against an engine worker child process and always stops the worker afterwards.
 * `call()` gives the options every engine call should use: the progress bar and Ctrl-C.
 */
export async function withEngine<R>(io: CliIo, work: (engine: Remote<EngineApi>, call: () => CallOptions) => Promise<R>): Promise<R> {
  const worker = startEngineWorker({ workerPath: process.env.HEAPSCOPE_ENGINE_WORKER ?? join(__dirname, 'engineWorker.js') });
  const bar = new ProgressBar(io.stderr);
  try {
    return await work(worker.remote, () => ({ signal: io.signal, onProgress: (e) => bar.event(e) }));
  } finally {
    bar.clear();
    worker.dispose();
  }
}
