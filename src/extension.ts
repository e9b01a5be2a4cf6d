import * as vscode from 'vscode';
import { ClosureLensProvider } from './views/closureLens';
import { analyzeCommand } from './views/commands/analyzeCommand';
import { compareCommand } from './views/commands/compareCommand';
import { exportReportCommand } from './views/commands/exportReportCommand';
import { openSnapshotCommand } from './views/commands/openSnapshotCommand';
import { EngineHost } from './views/engineHost';
import { findingsContent } from './views/findingsContent';
import { FindingsStore } from './views/findingsStore';
import { FindingsView } from './views/findingsView';
import { HeapSnapshotEditorProvider } from './views/heapSnapshotEditor';
import { ReportPanels } from './views/reportPanels';
import { SnapshotLoader } from './views/snapshotLoader';
import { SnapshotStore } from './views/snapshotStore';
import { SnapshotsView } from './views/snapshotsView';
import { TargetStore } from './views/targetStore';
import { TargetsView } from './views/targetsView';
import { registerInspectorCommands } from './views/commands/inspectorCommands';
import { AttachedSession } from './views/attachedSession';
import { log, startLog } from './views/heapscopeLog';
import { SnapshotLibrary } from './views/snapshotLibrary';
import { registerSnapshotFileCommands } from './views/commands/snapshotFileCommands';
import { LIVE_VIEW_TYPE, LiveMemory } from './views/liveMemory';
import { sweepLeftoversAtStart } from './views/sweepLeftovers';
import { registerTestHooks } from './views/testHooks';

/** What deactivate() waits for: the attached session's detach. */
let leaving: (() => Promise<unknown>) | null = null;

/**
 * Wires the extension together. Everything heavy runs elsewhere: parsing and analysis in the
 * engine worker, capture in the inspector client; this file only connects stores, views and
 * commands.
 */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(startLog());
  log.info('activate', `Heapscope ${String(context.extension.packageJSON.version)} in VS Code ${vscode.version}`);
  const engine = new EngineHost(context.extensionUri);
  const snapshots = new SnapshotStore();
  const findings = new FindingsStore();
  const targets = new TargetStore();
  const attached = new AttachedSession(targets);
  leaving = () => attached.leave();
  const loader = new SnapshotLoader(engine, snapshots);
  const panels = new ReportPanels(context.extensionUri, engine);
  const lenses = new ClosureLensProvider(findings);
  const findingsView = new FindingsView(findings);
  const library = new SnapshotLibrary(context.globalStorageUri, snapshots, findings, context.workspaceState);
  const snapshotsView = new SnapshotsView(snapshots, library);
  context.subscriptions.push(sweepLeftoversAtStart(library.dir), ...registerTestHooks());
  const targetsView = new TargetsView(targets);
  const analyze = (files?: readonly string[]) => analyzeCommand(engine, snapshots, loader, findings, panels, () => attached.current, files);
  const live = new LiveMemory(context.extensionUri, engine, attached, targets, {
    attached, snapshots, get snapshotDir() { return vscode.Uri.file(library.dir); }, analyze: (files) => analyze(files),
  });

  context.subscriptions.push(
    attached, engine, snapshots, findings, targets, loader, panels, lenses, findingsView, snapshotsView, targetsView,
    vscode.window.registerTreeDataProvider('heapscope.targets', targetsView),
    library,
    snapshotsView.createView('heapscope.snapshots'),
    ...registerSnapshotFileCommands(snapshots, library),
    vscode.window.registerWebviewPanelSerializer('heapscope.findings', {
      async deserializeWebviewPanel(panel) {
        try {
          await library.restored;
          panels.restoreFindings(panel, findingsContent(findings.current, null));
          log.info('activate', `restored the Findings panel (${findings.current?.findings.length ?? 0} findings)`);
        } catch (error) {
          log.error('activate', 'restoring the Findings panel', error);
        }
      },
    }),
    vscode.window.registerTreeDataProvider('heapscope.findings', findingsView),
    HeapSnapshotEditorProvider.register(context.extensionUri, engine, loader),
    vscode.languages.registerCodeLensProvider([{ scheme: 'file', language: 'javascript' }, { scheme: 'file', language: 'typescript' }], lenses),
    vscode.commands.registerCommand('heapscope.openSnapshot', (uri?: vscode.Uri) => openSnapshotCommand(snapshots, uri)),
    vscode.commands.registerCommand('heapscope.compareSnapshots', () => compareCommand(snapshots, loader, panels)),
    vscode.commands.registerCommand('heapscope.analyze', () => analyze()),
    vscode.commands.registerCommand('heapscope.exportReport', () => exportReportCommand(engine, findings)),
    vscode.commands.registerCommand('heapscope.showFinding', (index?: number) => {
      panels.showFindings(findingsContent(findings.current, typeof index === 'number' ? index : null));
    }),
    ...registerInspectorCommands({ attached, snapshots, get snapshotDir() { return vscode.Uri.file(library.dir); }, analyze, engine: engine.remote }),
    live,
    vscode.commands.registerCommand('heapscope.showLiveMemory', () => live.show()),
    vscode.commands.registerCommand('heapscope.toggleAutoCapture', () => live.toggleAutoCapture()),
    vscode.window.registerWebviewPanelSerializer(LIVE_VIEW_TYPE, { deserializeWebviewPanel: async (panel) => live.adopt(panel) }),
  );
}

export function deactivate(): Promise<unknown> | undefined {
  // Disposables in context.subscriptions stop the worker; the detach is waited for (bounded by VS Code).
  return leaving?.();
}
