import * as vscode from 'vscode';
import { AttachedSession } from '../attachedSession';
import { log } from '../heapscopeLog';
import { SnapshotStore } from '../snapshotStore';
import { attachCommand } from './attachCommand';
import { captureSeriesCommand, captureSnapshotCommand } from './captureCommands';
import { sampleAllocationsCommand } from './sampleCommand';
import { Remote } from '../../protocol/rpc';
import { EngineApi } from '../../protocol/engineApi';

export interface InspectorCommandDeps {
  attached: AttachedSession;
  snapshots: SnapshotStore;
  snapshotDir: vscode.Uri;
  analyze(files?: readonly string[]): Promise<void>;
  /** For Sample Allocations…, whose sites the engine reads from the profiles. */
  engine?: Remote<EngineApi>;
}

/** Attach, Capture Heap Snapshot, Capture Leak Series…, Sample Allocations…, Detach. */
export function registerInspectorCommands(deps: InspectorCommandDeps): vscode.Disposable[] {
  // Not a spread: `snapshotDir` is a getter, read at each capture (the setting may change).
  const capture = {
    attached: deps.attached,
    snapshots: deps.snapshots,
    get snapshotDir() {
      return deps.snapshotDir;
    },
    analyze: (files: readonly string[]) => deps.analyze(files),
  };
  return [
    vscode.commands.registerCommand('heapscope.attach', () => attachCommand(deps.attached)),
    vscode.commands.registerCommand('heapscope.captureSnapshot', (arg?: unknown) => captureSnapshotCommand(capture, workerArg(arg))),
    vscode.commands.registerCommand('heapscope.captureSeries', (arg?: unknown) => captureSeriesCommand(capture, workerArg(arg))),
    vscode.commands.registerCommand('heapscope.sampleAllocations', (arg?: unknown) => {
      if (!deps.engine) throw new Error('Sample Allocations needs the engine');
      return sampleAllocationsCommand({ attached: deps.attached, snapshotDir: deps.snapshotDir, engine: deps.engine }, workerArg(arg));
    }),
    vscode.commands.registerCommand('heapscope.detach', async () => {
      const report = await deps.attached.detach();
      if (report) log.info('detach', `detached${report.switchedOff ? `; inspector switched off${report.portClosed ? ', port closed' : ', port still open'}` : ''}`);
      if (!report) void vscode.window.showInformationMessage('Heapscope: not attached.');
      else if (report.switchedOff && !report.portClosed) void vscode.window.showWarningMessage('Heapscope: detached; the inspector was asked to switch off but its port is still open.');
      else if (report.keptOnFor) void vscode.window.setStatusBarMessage(`Heapscope: detached; the inspector stays on for ${report.keptOnFor} other Heapscope session(s)`, 5000);
      else void vscode.window.setStatusBarMessage(report.switchedOff ? 'Heapscope: detached; inspector switched off again' : 'Heapscope: detached', 5000);
    }),
  ];
}

/** The Targets view passes `{ workerThreadId }` for a worker's actions; anything else means "ask". */
function workerArg(arg: unknown): number | undefined {
  const id = (arg as { workerThreadId?: unknown } | null | undefined)?.workerThreadId;
  return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
}
