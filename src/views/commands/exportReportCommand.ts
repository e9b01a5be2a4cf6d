import * as vscode from 'vscode';
import { EngineHost } from '../engineHost';
import { FindingsStore } from '../findingsStore';
import { reportFailure } from '../reportFailure';

/**
 * Heapscope: Export Report… — writes the latest analysis as the same Markdown `heapscope analyze
 * --format markdown` prints (one renderer, src/engine/report/markdownReport.ts, asked of the engine),
 * for a pull request or an incident ticket. Source locations under the first workspace folder are shown
 * relative to it.
 */
export async function exportReportCommand(engine: EngineHost, findings: FindingsStore): Promise<void> {
  const analysis = findings.current;
  if (!analysis) {
    void vscode.window.showInformationMessage('Heapscope: analyze a leak series first (Analyze for Leaks), then export its report.');
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export Heapscope Report',
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'heapscope-report.md') : undefined,
    filters: { Markdown: ['md'] },
  });
  if (!target) return;
  const snapshots =
    analysis.snapshots ?? analysis.series.map((p) => ({ file: p.label, nodeCount: 0, edgeCount: 0, totalSize: p.totalSize }));
  let text: string;
  try {
    text = await engine.remote.markdownReport({ snapshots, findings: analysis.findings, sourceRoot: folder?.scheme === 'file' ? folder.fsPath : undefined });
  } catch (error) {
    reportFailure('the report', error, 'engine');
    return;
  }
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    void vscode.window.showErrorMessage(`Heapscope: cannot write ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const open = await vscode.window.showInformationMessage(`Heapscope: report written to ${vscode.workspace.asRelativePath(target)}`, 'Open');
  if (open === 'Open') await vscode.window.showTextDocument(target);
}
