import { EngineWorker, startEngineWorker } from '../engine/engineClient';

/** The one place the extension starts the engine worker: a child process, so VS Code never parses. */
export function startEngine(workerPath: string): EngineWorker {
  return startEngineWorker({ workerPath });
}
