import * as vscode from 'vscode';
import { SnapshotStore } from '../snapshotStore';
import { TargetStore } from '../targetStore';

export interface InspectorCommandDeps {
  targets: TargetStore;
  snapshots: SnapshotStore;
  analyze(files?: readonly string[]): Promise<void>;
}

/** Attach, capture and detach. Provisional until the inspector client (branch `inspector`) lands. */
export function registerInspectorCommands(_deps: InspectorCommandDeps): vscode.Disposable[] {
  const pending = () => vscode.window.showWarningMessage('Heapscope: attaching needs the inspector client, which this build lacks.');
  return ['heapscope.attach', 'heapscope.captureSnapshot', 'heapscope.captureSeries', 'heapscope.detach'].map((id) =>
    vscode.commands.registerCommand(id, pending),
  );
}
