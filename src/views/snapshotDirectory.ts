import * as path from 'node:path';
import * as vscode from 'vscode';

export const SNAPSHOT_DIRECTORY_SETTING = 'heapscope.snapshotDirectory';
/** The default folder's name inside the first workspace folder. */
export const DEFAULT_DIRECTORY_NAME = '.heapscope';

/**
 * Where captures go: `heapscope.snapshotDirectory` (absolute, or relative to the first workspace
 * folder), else `.heapscope/` in the first workspace folder, where the user sees and can clean
 * them; with no folder open, the extension's global storage.
 */
export function snapshotDirectory(globalStorage: vscode.Uri): { dir: string; isDefaultInWorkspace: boolean; folder: string | null } {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? null;
  const configured = vscode.workspace.getConfiguration().get<string>(SNAPSHOT_DIRECTORY_SETTING, '').trim();
  if (configured) {
    if (path.isAbsolute(configured)) return { dir: path.normalize(configured), isDefaultInWorkspace: false, folder };
    if (folder) return { dir: path.resolve(folder, configured), isDefaultInWorkspace: false, folder };
  }
  if (folder) return { dir: path.join(folder, DEFAULT_DIRECTORY_NAME), isDefaultInWorkspace: true, folder };
  return { dir: vscode.Uri.joinPath(globalStorage, 'snapshots').fsPath, isDefaultInWorkspace: false, folder: null };
}
