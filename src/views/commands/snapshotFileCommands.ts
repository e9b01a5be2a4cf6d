import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../../protocol/format';
import { SnapshotLibrary } from '../snapshotLibrary';
import { SnapshotNode } from '../snapshotsView';
import { SnapshotStore } from '../snapshotStore';

/** Reveal, Delete and Delete Series on the Snapshots view's rows. */
export function registerSnapshotFileCommands(store: SnapshotStore, library: SnapshotLibrary): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('heapscope.revealSnapshot', async (node?: SnapshotNode) => {
      if (node?.kind !== 'snapshot') return;
      const uri = vscode.Uri.file(node.entry.file);
      // Inside the workspace the Explorer shows it; elsewhere the OS file manager (desktop only).
      if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
      else await vscode.commands.executeCommand('revealFileInOS', uri);
    }),
    vscode.commands.registerCommand('heapscope.deleteSnapshot', async (node?: SnapshotNode) => {
      if (node?.kind !== 'snapshot') return;
      const e = node.entry;
      const ok = await vscode.window.showWarningMessage(`Delete ${path.basename(e.file)}${typeof e.bytes === 'number' ? ` (${formatBytes(e.bytes)})` : ''} from disk?`, { modal: true }, 'Delete');
      if (ok === 'Delete') await library.delete([e]);
    }),
    vscode.commands.registerCommand('heapscope.deleteSeries', async (node?: SnapshotNode) => {
      const id = node?.kind === 'series' ? node.id : node?.kind === 'snapshot' ? node.entry.series : null;
      if (!id) return;
      const members = store.list().filter((e) => e.series === id);
      const bytes = members.reduce((s, e) => s + (e.bytes ?? 0), 0);
      const ok = await vscode.window.showWarningMessage(`Delete the ${members.length} snapshots of this series (${formatBytes(bytes)}) and its saved findings from disk?`, { modal: true }, 'Delete');
      if (ok === 'Delete') await library.deleteSeries(id);
    }),
  ];
}
