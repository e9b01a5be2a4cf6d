import * as path from 'node:path';
import * as vscode from 'vscode';
import { EngineHost } from './engineHost';
import { hostWebview } from './hostWebview';
import { openSource } from './openSource';
import { PanelBackend } from './panelBackend';
import { SnapshotLoader } from './snapshotLoader';
import { reportFailure } from './reportFailure';
import { withCancellableProgress } from './withCancellableProgress';

export const HEAP_SNAPSHOT_VIEW_TYPE = 'heapscope.heapSnapshot';

/**
 * Read-only custom editor for *.heapsnapshot and *.heapsnapshot.gz: the engine parses the file in its worker (with
 * progress and cancel) and the page shows the Summary by constructor. Nothing is parsed here.
 */
export class HeapSnapshotEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly engine: EngineHost,
    private readonly loader: SnapshotLoader,
  ) {}

  static register(extensionUri: vscode.Uri, engine: EngineHost, loader: SnapshotLoader): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(HEAP_SNAPSHOT_VIEW_TYPE, new HeapSnapshotEditorProvider(extensionUri, engine, loader), {
      supportsMultipleEditorsPerDocument: true,
      webviewOptions: { enableFindWidget: true },
    });
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose() {} };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const name = path.basename(document.uri.fsPath);
    const backend = new PanelBackend(this.engine.remote, { kind: 'loading', title: name, message: `Loading ${name}…` }, openSource);
    const hosting = hostWebview(panel.webview, this.extensionUri, backend, name);
    panel.onDidDispose(() => hosting.dispose());
    withCancellableProgress(`Heapscope: loading ${name}`, (options) => this.loader.load(document.uri.fsPath, options)).then(
      (snapshot) => backend.setContent({ kind: 'summary', title: name, snapshot }),
      (error: unknown) => {
        backend.setContent({ kind: 'error', title: name, message: error instanceof Error ? error.message : String(error) });
        reportFailure(`loading ${name}`, error);
      },
    );
  }
}
