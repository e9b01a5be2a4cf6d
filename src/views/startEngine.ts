import { Remote } from '../rpc/rpc';
import { EngineApi } from '../engine/engineApi';

/**
 * The one place the extension starts the engine worker (src/engine/engineClient.ts on the
 * analysis branch). Until that lands, every engine call fails with a clear message.
 */
export function startEngine(workerPath: string): { remote: Remote<EngineApi>; dispose(): void } {
  const unavailable = () => Promise.reject(new Error(`the engine worker is not built into this version (${workerPath})`));
  const remote = new Proxy({} as Remote<EngineApi>, { get: () => unavailable });
  return { remote, dispose() {} };
}
