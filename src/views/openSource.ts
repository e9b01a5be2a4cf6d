import * as vscode from 'vscode';
import { SourceLocation } from '../protocol/finding';
import { locationToPath } from './sourceLocation';

/** Opens a finding's source file with the cursor on its (1-based) line and column. */
export async function openSource(location: SourceLocation): Promise<void> {
  const file = locationToPath(location.url);
  if (!file) throw new Error(`no file behind ${location.url}`);
  const position = new vscode.Position(Math.max(0, location.line - 1), Math.max(0, location.column - 1));
  await vscode.window.showTextDocument(vscode.Uri.file(file), {
    selection: new vscode.Range(position, position),
    viewColumn: vscode.ViewColumn.Beside,
    preview: true,
  });
}
