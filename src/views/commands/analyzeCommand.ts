import * as path from 'node:path';
import * as vscode from 'vscode';
import { SnapshotInfo } from '../../protocol/engineApi';
import { Finding } from '../../protocol/finding';
import { LiveBufferViewEntry, bufferViewsToConfirm } from '../../protocol/liveBufferViews';
import { InspectorSession, profilesBeside } from '../../inspector/inspector';
import { EngineHost } from '../engineHost';
import { FindingsStore } from '../findingsStore';
import { findingsContent } from '../findingsContent';
import { ReportPanels } from '../reportPanels';
import { SnapshotLoader } from '../snapshotLoader';
import { SnapshotEntry, SnapshotStore } from '../snapshotStore';
import { log } from '../heapscopeLog';
import { reportFailure } from '../reportFailure';
import { withCancellableProgress } from '../withCancellableProgress';

/**
 * Heapscope: Analyze for Leaks — runs every detector over a series (or one snapshot) in the
 * engine and shows the ranked findings. With `files` (from Capture Leak Series) it analyses
 * those; otherwise the user picks snapshots of this session, in capture order. While the process
 * the snapshots were captured from is still attached, pooled-buffer findings are confirmed live.
 */
export async function analyzeCommand(
  engine: EngineHost, store: SnapshotStore, loader: SnapshotLoader, findings: FindingsStore, panels: ReportPanels,
  attached: () => InspectorSession | null,
  files?: readonly string[],
): Promise<void> {
  const chosen = files ?? (await pickSeries(store));
  if (!chosen || chosen.length === 0) return;
  try {
    const result = await withCancellableProgress('Heapscope: analyzing for leaks', async (options) => {
      const infos: SnapshotInfo[] = [];
      for (const file of chosen) infos.push(await loader.load(file, options));
      const analysis = await engine.remote.analyze({ handles: infos.map((i) => i.handle), allocationProfiles: profilesBeside(chosen) }, options);
      const session = liveSessionFor(chosen, store, attached());
      const wanted = session ? bufferViewsToConfirm(analysis.findings) : [];
      // The inspector reads the live views here; the engine decides what they say about the findings.
      const ranked: Finding[] = session && wanted.length > 0
        ? await engine.remote.confirmPooledBuffers({ findings: analysis.findings, views: await lookupViews(session, wanted, options.signal) }, options)
        : analysis.findings;
      return { infos, analysis: { ...analysis, findings: ranked } };
    });
    log.info('analyze', `${result.analysis.findings.length} findings in ${chosen.length} snapshots: ${result.analysis.findings.map((f) => f.kind).join(', ') || 'none'}`);
    const times = chosen.map((f) => store.list().find((e) => e.file === path.resolve(f))?.time ?? null);
    findings.set({
      handles: result.infos.map((i) => i.handle),
      series: result.infos.map((info, i) => ({ label: path.basename(info.file), totalSize: info.totalSize, capturedAt: times[i] })),
      findings: result.analysis.findings,
      snapshots: result.infos.map((i) => ({ file: i.file, nodeCount: i.nodeCount, edgeCount: i.edgeCount, totalSize: i.totalSize })),
      time: Date.now(),
      files: chosen.map((f) => path.resolve(f)),
    });
    panels.showFindings(findingsContent(findings.current, null));
    await vscode.commands.executeCommand('heapscope.findings.focus');
  } catch (error) {
    reportFailure('analysis', error, 'analyze');
  }
}

/**
 * The attached session, when every snapshot was captured from its process: only then do the
 * snapshots' node ids name objects the live process can still look up.
 */
function liveSessionFor(files: readonly string[], store: SnapshotStore, session: InspectorSession | null): InspectorSession | null {
  if (!session || session.detached) return null;
  const entries = files.map((f) => store.list().find((e) => e.file === path.resolve(f)));
  return entries.every((e) => e?.origin === 'captured' && e.pid === session.pid) ? session : null;
}

async function lookupViews(session: InspectorSession, ids: number[], signal: AbortSignal | undefined): Promise<LiveBufferViewEntry[]> {
  const views = await session.lookupBufferViews(ids, { signal });
  return ids.map((nodeId) => ({ nodeId, view: views.get(nodeId) ?? null }));
}

async function pickSeries(store: SnapshotStore): Promise<string[] | undefined> {
  const entries = [...store.list()];
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('Heapscope: capture a leak series or open snapshots first.');
    return undefined;
  }
  const items = entries.map((entry: SnapshotEntry) => ({
    label: path.basename(entry.file),
    description: `${entry.origin} ${new Date(entry.time).toLocaleTimeString()}`,
    picked: true,
    entry,
  }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Analyze for Leaks: snapshots of one process, oldest first' });
  return picked?.sort((a, b) => a.entry.time - b.entry.time).map((p) => p.entry.file);
}
