import * as vscode from 'vscode';
import { HEAP_SNAPSHOT_VIEW_TYPE } from '../heapSnapshotEditor';
import { SnapshotStore } from '../snapshotStore';
import { pickSnapshotFile } from './pickSnapshotFile';

/** Heapscope: Open Heap Snapshot… — opens a file in the Heapscope editor. */
export async function openSnapshotCommand(store: SnapshotStore, uri?: vscode.Uri): Promise<void> {
  const file = uri?.fsPath ?? (await pickSnapshotFile(store, 'Open Heap Snapshot'));
  if (!file) return;
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), HEAP_SNAPSHOT_VIEW_TYPE);
}
