import * as vscode from 'vscode';
import { Remote } from '../rpc/rpc';
import { EngineApi } from '../engine/engineApi';
import { startEngine } from './startEngine';

/**
 * Owns the engine worker for the extension's lifetime. It starts on first use (activation stays
 * cheap) and again after a crash; snapshots opened in a dead worker must be reopened, which
 * `generation` lets callers notice.
 */
export class EngineHost implements vscode.Disposable {
  private worker: { remote: Remote<EngineApi>; dispose(): void } | null = null;
  private generationCount = 0;

  constructor(private readonly extensionUri: vscode.Uri) {}

  get remote(): Remote<EngineApi> {
    if (!this.worker) {
      this.worker = startEngine(vscode.Uri.joinPath(this.extensionUri, 'dist', 'engineWorker.js').fsPath);
      this.generationCount++;
    }
    return this.worker.remote;
  }

  get generation(): number {
    return this.generationCount;
  }

  /** Drops the current worker, e.g. after it died; the next call starts a fresh one. */
  restart(): void {
    this.worker?.dispose();
    this.worker = null;
  }

  dispose(): void {
    this.worker?.dispose();
    this.worker = null;
  }
}
