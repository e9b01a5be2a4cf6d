import * as vscode from 'vscode';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InspectorSession, profilePathFor, sampleAllocations, snapshotFileName } from '../../inspector/inspector';
import { LiveSite, SampledSites, AllocationSite } from '../../protocol/engineApi';
import { formatBytes } from '../../protocol/format';
import { Remote } from '../../protocol/rpc';
import { EngineApi } from '../../protocol/engineApi';
import { AttachedSession } from '../attachedSession';
import { log } from '../heapscopeLog';
import { openSource } from '../openSource';
import { reportFailure } from '../reportFailure';
import { withCancellableProgress } from '../withCancellableProgress';
import { parseBounded, requireSession } from './captureCommands';
import { chooseThread } from './chooseThread';

export interface SampleDeps {
  attached: AttachedSession;
  snapshotDir: vscode.Uri;
  engine: Remote<EngineApi>;
}

/**
 * Heapscope: Sample Allocations… — V8's sampling heap profiler on the attached process (or a
 * worker) for a chosen time, with progress and Cancel, no snapshot: the `.heapprofile` goes beside
 * the snapshots, and the growing and largest sites are listed; picking one opens its source.
 */
export async function sampleAllocationsCommand(deps: SampleDeps, workerThreadId?: number): Promise<void> {
  const attached = await requireSession(deps);
  if (!attached) return;
  const thread = await chooseThread(attached, workerThreadId);
  if (!thread) return;
  try {
    await sampleOne(deps, thread.session);
  } finally {
    await thread.release();
  }
}

async function sampleOne(deps: SampleDeps, session: InspectorSession): Promise<void> {
  const seconds = await vscode.window.showInputBox({
    title: 'Sample Allocations',
    prompt: `Seconds to sample ${session.describe()} (let the app do the work that leaks meanwhile)`,
    value: '30',
    validateInput: (v) => (parseBounded(v, 1, 3600) !== null ? undefined : 'Seconds from 1 to 3600'),
  });
  if (seconds === undefined) return;
  let sites: SampledSites;
  let file: string;
  try {
    await mkdir(deps.snapshotDir.fsPath, { recursive: true });
    file = join(deps.snapshotDir.fsPath, profilePathFor(snapshotFileName(session.pid, new Date(), 1, session.worker?.threadId)));
    const result = await withCancellableProgress(`Heapscope: sampling allocations of ${session.describe()}`, (options) =>
      sampleAllocations(session, {
        durationMs: Number(seconds) * 1000,
        file,
        signal: options.signal,
        onProgress: (done, total) => options.onProgress?.({ phase: `sampling ${Math.round(done / 1000)} of ${Math.round(total / 1000)} s`, done, total }),
      }),
    );
    try {
      sites = await deps.engine.sampledSites({ profiles: result.profiles });
    } finally {
      await result.dispose();
    }
    log.info('capture', `sampled allocations of ${session.describe()} into ${file}`);
  } catch (error) {
    deps.attached.syncAfterFailure();
    reportFailure('allocation sampling', error, 'capture');
    return;
  }
  await showSites(sites, file);
}

type SiteItem = vscode.QuickPickItem & { site?: AllocationSite | LiveSite };

/** The sites as a pick list (snapshot strings as plain labels, never markup); a pick opens the function. */
async function showSites(sites: SampledSites, file: string): Promise<void> {
  const where = (s: AllocationSite | LiveSite) => `${s.script.replace(/^file:\/\//, '') || '(no script)'}:${s.line}:${s.column}`;
  const items: SiteItem[] = [{ label: 'Growing at every profile', kind: vscode.QuickPickItemKind.Separator }];
  if (sites.growing.length === 0) items.push({ label: 'No site grew at every profile of the window' });
  for (const s of sites.growing) {
    items.push({ label: `$(arrow-up) ${s.functionName || '(anonymous)'}`, description: where(s), detail: `+${formatBytes(s.growth)} per profile: ${s.bytes.map(formatBytes).join(' → ')}`, site: s });
  }
  items.push({ label: `Largest live (${formatBytes(sites.totalBytes)} sampled in all)`, kind: vscode.QuickPickItemKind.Separator });
  for (const s of sites.top) items.push({ label: s.functionName || '(anonymous)', description: where(s), detail: formatBytes(s.bytes), site: s });
  const picked = await vscode.window.showQuickPick(items, {
    title: `Allocation sites (profile saved: ${file})`,
    matchOnDescription: true,
    placeHolder: 'Pick a site to open its function',
  });
  const site = picked?.site;
  if (!site || !site.script) return;
  try {
    await openSource({ url: site.script, line: site.line, column: site.column });
  } catch (error) {
    reportFailure('opening the source', error, 'capture');
  }
}
