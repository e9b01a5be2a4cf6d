import { CallOptions, Remote } from '../protocol/rpc';
import { EngineApi } from '../protocol/engineApi';
import { EngineWorker } from './engineClient';
import { ErrorCode } from '../protocol/errorCode';

/**
 * An engine worker that starts on first use and again after it died (crash, out of memory,
 * killed): the call that fails with EWORKER (its message names the exit code or signal and the
 * worker's last error line) drops the dead worker, and the next call starts a new one.
 * `generation` changes with every start, so a caller knows its handles are gone. `remote` is
 * stable across restarts.
 */
export class RestartingEngine {
  private worker: EngineWorker | null = null;
  private generationCount = 0;
  readonly remote: Remote<EngineApi>;

  constructor(private readonly start: () => EngineWorker) {
    type AnyCall = (params: unknown, options?: CallOptions) => Promise<unknown>;
    this.remote = new Proxy({} as Remote<EngineApi>, {
      get: (_target, key) => (params: unknown, options?: CallOptions) => {
        const worker = this.current();
        const call = (worker.remote as unknown as Record<PropertyKey, AnyCall>)[key];
        return call(params, options).catch((error: unknown) => {
          if ((error as { code?: unknown }).code === ErrorCode.Worker && this.worker === worker) this.restart();
          throw error;
        });
      },
    });
  }

  private current(): EngineWorker {
    if (!this.worker) {
      this.worker = this.start();
      this.generationCount++;
    }
    return this.worker;
  }

  /** Changes whenever a new worker starts; handles from an older generation are invalid. */
  get generation(): number {
    return this.worker ? this.generationCount : this.generationCount + 1;
  }

  /** The running worker's pid, if one runs (diagnostics, tests). */
  get pid(): number | undefined {
    return this.worker?.pid;
  }

  restart(): void {
    this.worker?.dispose();
    this.worker = null;
  }

  dispose(): void {
    this.restart();
  }
}
