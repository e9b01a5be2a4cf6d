import * as vscode from 'vscode';
import { closureHint } from './closureHint';
import { FindingsStore } from './findingsStore';
import { locationToPath } from './sourceLocation';

export const CLOSURE_HINTS_SETTING = 'heapscope.closureHints.enabled';

/**
 * Shows each long-lived-closure finding above its source line as a CodeLens; clicking it opens
 * the finding. Off when `heapscope.closureHints.enabled` is false.
 */
export class ClosureLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: FindingsStore) {
    this.subscriptions = [
      store.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(CLOSURE_HINTS_SETTING)) this.changed.fire();
      }),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration().get<boolean>(CLOSURE_HINTS_SETTING, true)) return [];
    const findings = this.store.current?.findings ?? [];
    const lenses: vscode.CodeLens[] = [];
    findings.forEach((finding, index) => {
      const hint = closureHint(finding);
      if (!hint || !finding.location) return;
      if (locationToPath(finding.location.url) !== document.uri.fsPath) return;
      const line = Math.min(Math.max(0, hint.line - 1), Math.max(0, document.lineCount - 1));
      lenses.push(new vscode.CodeLens(document.lineAt(line).range, {
        title: `$(warning) ${hint.text}`,
        tooltip: 'Heapscope: show this finding',
        command: 'heapscope.showFinding',
        arguments: [index],
      }));
    });
    return lenses;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
