import * as vscode from 'vscode';
import { CallOptions, Remote } from '../rpc/rpc';
import { EngineApi } from '../engine/engineApi';
import { EngineWorker } from '../engine/engineClient';
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
        return call(params, options).catch((error: unknown) => {
          if ((error as { code?: unknown }).code === 'EWORKER' && this.worker === worker) this.restart();
          throw error;
        });
      },
    });
  }

  private current(): EngineWorker {
    if (!this.worker) {
      this.worker = startEngine(vscode.Uri.joinPath(this.extensionUri, 'dist', 'engineWorker.js').fsPath);
      this.generationCount++;
    }
    return this.worker;
  }

  /** Changes whenever a new worker starts; handles from an older generation are invalid. */
  get generation(): number {
    return this.worker ? this.generationCount : this.generationCount + 1;
  }

  restart(): void {
    this.worker?.dispose();
    this.worker = null;
  }

  dispose(): void {
    this.restart();
  }
}
