import * as vscode from 'vscode';
import { CallOptions, Remote } from '../rpc/rpc';
import { EngineApi } from '../engine/engineApi';
import { EngineWorker } from '../engine/engineClient';
import { describeError, log } from './heapscopeLog';
import { startEngine } from './startEngine';

/**
 * Owns the engine worker for the extension's lifetime. It starts on first use (activation stays
 * cheap) and again after the worker died (crash, out of memory): a call that fails with EWORKER
 * drops the dead worker, and `generation` tells the snapshot loader that its handles are gone.
 * `remote` is stable across restarts, so panels can keep it.
 */
export class EngineHost implements vscode.Disposable {
  private worker: EngineWorker | null = null;
  private generationCount = 0;
  readonly remote: Remote<EngineApi>;

  constructor(private readonly extensionUri: vscode.Uri) {
    type AnyCall = (params: unknown, options?: CallOptions) => Promise<unknown>;
    this.remote = new Proxy({} as Remote<EngineApi>, {
      get: (_target, key) => (params: unknown, options?: CallOptions) => {
        const worker = this.current();
        const call = (worker.remote as unknown as Record<PropertyKey, AnyCall>)[key];
        const started = Date.now();
        return call(params, options).then(
          (result) => {
            // Loads and analyses at info level; the webview's table slices (many, fast) at debug.
            const line = `${String(key)} took ${Date.now() - started} ms`;
            if (key === 'open' || key === 'analyze' || key === 'diff') log.info('engine', line);
            else log.debug('engine', line);
            return result;
          },
          (error: unknown) => {
            const code = (error as { code?: unknown }).code;
            if (code === 'EWORKER') log.warn('engine', `worker pid ${worker.pid ?? '?'} exited: ${describeError(error)}`);
            else if (code !== 'ECANCELLED') log.info('engine', `${String(key)} failed after ${Date.now() - started} ms: ${describeError(error)}`);
            if (code === 'EWORKER' && this.worker === worker) this.restart();
            throw error;
          },
        );
      },
    });
  }

  private current(): EngineWorker {
    if (!this.worker) {
      this.worker = startEngine(vscode.Uri.joinPath(this.extensionUri, 'dist', 'engineWorker.js').fsPath);
      this.generationCount++;
      log.info('engine', `worker started, pid ${this.worker.pid ?? '?'} (generation ${this.generationCount})`);
    }
    return this.worker;
  }

  /** Changes whenever a new worker starts; handles from an older generation are invalid. */
  get generation(): number {
    return this.worker ? this.generationCount : this.generationCount + 1;
  }

  restart(): void {
    if (this.worker) log.info('engine', `worker pid ${this.worker.pid ?? '?'} stopped`);
    this.worker?.dispose();
    this.worker = null;
  }

  dispose(): void {
    this.restart();
  }
}
