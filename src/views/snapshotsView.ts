import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from './formatBytes';
import { SnapshotEntry, SnapshotStore } from './snapshotStore';

/** The Snapshots view: captured and opened snapshots, with size and time. */
export class SnapshotsView implements vscode.TreeDataProvider<SnapshotEntry> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: SnapshotStore) {
    store.onDidChange(() => this.changed.fire());
  }

  getChildren(element?: SnapshotEntry): SnapshotEntry[] {
    return element ? [] : [...this.store.list()];
  }

  getTreeItem(entry: SnapshotEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(path.basename(entry.file));
    const size = entry.info ? formatBytes(entry.info.totalSize) + ' heap' : '';
    item.description = [entry.origin, size, new Date(entry.time).toLocaleTimeString()].filter(Boolean).join(' · ');
    item.tooltip = entry.file;
    item.resourceUri = vscode.Uri.file(entry.file);
    item.iconPath = new vscode.ThemeIcon(entry.origin === 'captured' ? 'device-camera' : 'file');
    item.command = { command: 'vscode.openWith', title: 'Open', arguments: [vscode.Uri.file(entry.file), 'heapscope.heapSnapshot'] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
