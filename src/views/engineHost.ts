import * as vscode from 'vscode';
import { RestartingEngine } from '../engine/restartingEngine';
import { startEngine } from './startEngine';

/**
 * Owns the engine worker for the extension's lifetime. It starts on first use (activation stays
 * cheap) and again after the worker died (crash, out of memory): see RestartingEngine, whose
 * `generation` tells the snapshot loader that its handles are gone. `remote` is stable across
 * restarts, so panels can keep it.
 */
export class EngineHost extends RestartingEngine implements vscode.Disposable {
  constructor(extensionUri: vscode.Uri) {
    super(() => startEngine(vscode.Uri.joinPath(extensionUri, 'dist', 'engineWorker.js').fsPath));
  }
}
