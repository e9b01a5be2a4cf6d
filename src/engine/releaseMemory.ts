/**
 * The engine worker's V8 flags (see startEngineWorker). `--expose-gc` lets the engine collect
 * garbage at the one moment it knows a few hundred MB of work arrays just died (end of a graph
 * build): left to V8, they would stay mapped until some later allocation triggered a collection,
 * on top of whatever that allocation needed.
 */
export const WORKER_EXEC_ARGV = ['--expose-gc'];

/** A full collection when the process was started with --expose-gc; nothing otherwise. */
export function releaseMemory(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
