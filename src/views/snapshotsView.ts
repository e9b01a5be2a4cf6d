import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../protocol/format';
import { SnapshotLibrary } from './snapshotLibrary';
import { SnapshotEntry, SnapshotStore } from './snapshotStore';

/** A row: a series (its snapshots below it) or one snapshot. */
export type SnapshotNode = { kind: 'series'; id: string } | { kind: 'snapshot'; entry: SnapshotEntry };

/**
 * The Snapshots view: what is on disk in the snapshot directory and what was opened, series
 * grouped, each with its size on disk and time; the view's description shows the total.
 * Right-click: Reveal, Delete, Delete Series.
 */
export class SnapshotsView implements vscode.TreeDataProvider<SnapshotNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<SnapshotNode> | null = null;

  constructor(private readonly store: SnapshotStore, private readonly library: SnapshotLibrary) {
    store.onDidChange(() => {
      this.changed.fire();
      this.describe();
    });
  }

  /** Creates the tree view (for its description, the total disk use). */
  createView(id: string): vscode.TreeView<SnapshotNode> {
    this.view = vscode.window.createTreeView(id, { treeDataProvider: this });
    this.describe();
    return this.view;
  }

  private describe(): void {
    if (!this.view) return;
    const entries = this.store.list();
    this.view.description = entries.length === 0 ? undefined : `${entries.length} · ${formatBytes(this.library.totalBytes())} on disk`;
  }

  getChildren(element?: SnapshotNode): SnapshotNode[] {
    const entries = [...this.store.list()];
    if (element?.kind === 'series') return entries.filter((e) => e.series === element.id).map((entry) => ({ kind: 'snapshot', entry }));
    if (element) return [];
    const nodes: SnapshotNode[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      if (!entry.series) nodes.push({ kind: 'snapshot', entry });
      else if (!seen.has(entry.series)) {
        seen.add(entry.series);
        nodes.push({ kind: 'series', id: entry.series });
      }
    }
    return nodes;
  }

  getTreeItem(node: SnapshotNode): vscode.TreeItem {
    if (node.kind === 'series') {
      const members = this.store.list().filter((e) => e.series === node.id);
      const first = members[0];
      const item = new vscode.TreeItem(`Series${first?.pid ? ` of pid ${first.pid}` : ''}`, vscode.TreeItemCollapsibleState.Expanded);
      const bytes = members.reduce((s, e) => s + (e.bytes ?? 0), 0);
      item.description = [`${members.length} snapshots`, formatBytes(bytes), first ? when(first.time) : ''].filter(Boolean).join(' · ');
      item.contextValue = 'heapscope.series';
      item.iconPath = new vscode.ThemeIcon('graph-line');
      item.id = `series:${node.id}`;
      return item;
    }
    const entry = node.entry;
    const item = new vscode.TreeItem(path.basename(entry.file));
    const size = typeof entry.bytes === 'number' ? formatBytes(entry.bytes) : '';
    item.description = [entry.origin, size, when(entry.time)].filter(Boolean).join(' · ');
    item.tooltip = entry.file;
    item.resourceUri = vscode.Uri.file(entry.file);
    item.iconPath = new vscode.ThemeIcon(entry.origin === 'captured' ? 'device-camera' : 'file');
    item.contextValue = 'heapscope.snapshot';
    item.id = `snapshot:${entry.file}`;
    item.command = { command: 'vscode.openWith', title: 'Open', arguments: [vscode.Uri.file(entry.file), 'heapscope.heapSnapshot'] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function when(time: number): string {
  const d = new Date(time);
  return d.toDateString() === new Date().toDateString() ? d.toLocaleTimeString() : d.toLocaleString();
}
