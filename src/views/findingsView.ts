import * as vscode from 'vscode';
import { Finding } from '../protocol/finding';
import { formatBytes } from '../protocol/format';
import { FindingsStore } from './findingsStore';

/** A row of the view. An object, not a bare index: VS Code treats a falsy element (0) as the root. */
export interface FindingItem {
  index: number;
}

/** The Findings view: the latest analysis, ranked as the engine ranked it. */
export class FindingsView implements vscode.TreeDataProvider<FindingItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: FindingsStore) {
    store.onDidChange(() => this.changed.fire());
  }

  getChildren(element?: FindingItem): FindingItem[] {
    if (element !== undefined) return [];
    return this.store.current?.findings.map((_f, index) => ({ index })) ?? [];
  }

  getTreeItem({ index }: FindingItem): vscode.TreeItem {
    const finding = this.store.current?.findings[index];
    if (!finding) return new vscode.TreeItem('(gone)');
    const item = new vscode.TreeItem(finding.title);
    item.description = `${finding.kind} · ${formatBytes(finding.retainedSize)}`;
    item.tooltip = tooltip(finding);
    item.iconPath = new vscode.ThemeIcon(finding.kind === 'long-lived-closure' ? 'symbol-function' : finding.kind === 'pooled-buffer-slice' ? 'symbol-array' : 'warning');
    item.command = { command: 'heapscope.showFinding', title: 'Show Finding', arguments: [index] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function tooltip(finding: Finding): vscode.MarkdownString {
  // Snapshot strings are untrusted: appendText escapes them, and the markdown is not trusted.
  const md = new vscode.MarkdownString();
  md.appendText(`${finding.kind}: ${finding.title}\n\n`);
  for (const line of finding.evidence) md.appendText(`• ${line}\n`);
  if (finding.fix) md.appendText(`\nFix: ${finding.fix}`);
  return md;
}
