import * as path from 'node:path';
import * as vscode from 'vscode';
import { SnapshotStore } from '../snapshotStore';

interface FileItem extends vscode.QuickPickItem {
  file: string | null;
}

/**
 * A quick pick of snapshot files: this session's snapshots, then *.heapsnapshot(.gz) files in the
 * workspace, then "Browse…" for anything else. Resolves to a path, or undefined when dismissed.
 */
export async function pickSnapshotFile(store: SnapshotStore, title: string, exclude: readonly string[] = []): Promise<string | undefined> {
  const known = store.list().map((e) => e.file);
  const found = (await vscode.workspace.findFiles('**/*.{heapsnapshot,heapsnapshot.gz}', '**/node_modules/**', 200)).map((u) => u.fsPath);
  const files = [...new Set([...known, ...found])].filter((f) => !exclude.includes(f));
  const items: FileItem[] = files.map((file) => ({
    label: path.basename(file),
    description: vscode.workspace.asRelativePath(path.dirname(file)),
    file,
  }));
  items.push({ label: '$(folder-opened) Browse…', file: null, alwaysShow: true });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a .heapsnapshot file', matchOnDescription: true });
  if (!picked) return undefined;
  if (picked.file) return picked.file;
  const uris = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { 'Heap snapshots': ['heapsnapshot', 'gz'] } });
  return uris?.[0]?.fsPath;
}
