import * as vscode from 'vscode';
import { EngineHost } from './engineHost';
import { hostWebview, webviewPanelOptions } from './hostWebview';
import { openSource } from './openSource';
import { PanelBackend } from './panelBackend';
import { PanelContent } from '../protocol/webviewApi';

/**
 * The webview panels that are not editors: one Findings panel (reused, so a new analysis
 * replaces the old one) and one panel per comparison.
 */
export class ReportPanels implements vscode.Disposable {
  private findings: { panel: vscode.WebviewPanel; backend: PanelBackend } | null = null;
  private readonly others = new Set<vscode.WebviewPanel>();

  constructor(private readonly extensionUri: vscode.Uri, private readonly engine: EngineHost) {}

  /** Shows (or updates) the Findings panel. */
  showFindings(content: PanelContent): void {
    if (this.findings) {
      this.findings.backend.setContent(content);
      this.findings.panel.title = content.title;
      this.findings.panel.reveal(undefined, false);
      return;
    }
    this.adoptFindings(this.open('heapscope.findings', content));
  }

  /**
   * Takes back the Findings panel VS Code restored after a reload (WebviewPanelSerializer): new
   * html and backend, the restored findings; the page's own getState brings back its selection.
   */
  restoreFindings(panel: vscode.WebviewPanel, content: PanelContent): void {
    panel.title = content.title;
    panel.webview.options = webviewPanelOptions(this.extensionUri);
    this.adoptFindings(this.host(panel, content));
  }

  private adoptFindings(opened: { panel: vscode.WebviewPanel; backend: PanelBackend }): void {
    if (this.findings && this.findings.panel !== opened.panel) this.findings.panel.dispose();
    this.findings = opened;
    opened.panel.onDidDispose(() => {
      if (this.findings === opened) this.findings = null;
    });
  }

  /** Opens a new panel, e.g. a comparison; returns its backend for later content. */
  showOther(content: PanelContent): PanelBackend {
    const opened = this.open('heapscope.report', content);
    this.others.add(opened.panel);
    opened.panel.onDidDispose(() => this.others.delete(opened.panel));
    return opened.backend;
  }

  private open(viewType: string, content: PanelContent): { panel: vscode.WebviewPanel; backend: PanelBackend } {
    return this.host(vscode.window.createWebviewPanel(viewType, content.title, vscode.ViewColumn.Active, webviewPanelOptions(this.extensionUri)), content);
  }

  private host(panel: vscode.WebviewPanel, content: PanelContent): { panel: vscode.WebviewPanel; backend: PanelBackend } {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'heapscope.svg');
    const backend = new PanelBackend(this.engine.remote, content, openSource);
    const hosting = hostWebview(panel.webview, this.extensionUri, backend, content.title);
    panel.onDidDispose(() => hosting.dispose());
    return { panel, backend };
  }

  dispose(): void {
    this.findings?.panel.dispose();
    for (const p of this.others) p.dispose();
  }
}
