import * as vscode from 'vscode';
import { mkdir } from 'node:fs/promises';
import { CaptureProgress, CaptureResult, InspectorSession, snapshotPath } from '../../inspector/inspector';
import { ProgressEvent } from '../../protocol/rpc';
import { formatBytes } from '../../protocol/format';
import { AttachedSession } from '../attachedSession';
import { SnapshotStore } from '../snapshotStore';
import { log } from '../heapscopeLog';
import { reportFailure } from '../reportFailure';
import { withCancellableProgress } from '../withCancellableProgress';
import { chooseThread } from './chooseThread';
import { askCaptureAnyway, confirmPreflight } from './confirmPreflight';
import { retryForced } from './retryForced';

export interface CaptureDeps {
  attached: AttachedSession;
  snapshots: SnapshotStore;
  /** Where captured snapshots go (`heapscope.snapshotDirectory`, see snapshotDirectory.ts). */
  snapshotDir: vscode.Uri;
  analyze(files: readonly string[]): Promise<void>;
}

/** A capture phase as a progress event: V8's walk has a total; writing counts bytes only. */
export function captureEvent(progress: CaptureProgress, prefix = ''): ProgressEvent {
  switch (progress.phase) {
    case 'gc':
      return { phase: `${prefix}collecting garbage`, done: 0, total: 0 };
    case 'snapshot':
      return { phase: `${prefix}taking snapshot`, done: progress.done, total: progress.total };
    case 'writing':
      return { phase: `${prefix}writing ${formatBytes(progress.bytesWritten)}`, done: 0, total: 0 };
    default: {
      const never: never = progress.phase;
      return { phase: String(never), done: 0, total: 0 };
    }
  }
}

export async function requireSession(deps: Pick<CaptureDeps, 'attached'>): Promise<InspectorSession | undefined> {
  const session = deps.attached.current;
  if (session) return session;
  const choice = await vscode.window.showInformationMessage('Heapscope: attach to a Node process first.', 'Attach…');
  if (choice) await vscode.commands.executeCommand('heapscope.attach');
  return deps.attached.current ?? undefined;
}

function remember(deps: CaptureDeps, result: CaptureResult, series: string | null, session: InspectorSession): void {
  log.info('capture', `wrote ${result.file} (${formatBytes(result.bytes)}, ${result.durationMs} ms) from pid ${result.pid}${session.worker ? ' (a worker thread)' : ''}${series ? ` for ${series}` : ''}`);
  // A worker's node ids belong to its own isolate: with no pid, the analysis never looks them up
  // through the main thread's session (which would find other objects under the same ids).
  const pid = session.worker ? null : result.pid;
  deps.snapshots.upsert({ file: result.file, origin: 'captured', time: result.startedAt.getTime(), info: null, pid, series });
}

/** Heapscope: Capture Heap Snapshot — one snapshot of the attached process (or one of its workers), then opened. */
export async function captureSnapshotCommand(deps: CaptureDeps, workerThreadId?: number): Promise<void> {
  await onChosenThread(deps, workerThreadId, (session) => captureOne(deps, session));
}

/** Runs `work` on the attached process, or on the worker thread the user picks (its session released after). */
async function onChosenThread(deps: CaptureDeps, workerThreadId: number | undefined, work: (session: InspectorSession) => Promise<void>): Promise<void> {
  const attached = await requireSession(deps);
  if (!attached) return;
  const thread = await chooseThread(attached, workerThreadId);
  if (!thread) return;
  try {
    await work(thread.session);
  } finally {
    await thread.release();
  }
}

async function captureOne(deps: CaptureDeps, session: InspectorSession): Promise<void> {
  const check = await confirmPreflight(session, 'a heap snapshot');
  if (!check.go) return;
  try {
    await mkdir(deps.snapshotDir.fsPath, { recursive: true });
    const result = await retryForced(
      (force) =>
        Promise.resolve(
          withCancellableProgress(`Heapscope: capturing a heap snapshot of ${session.describe()} (${check.estimate})`, (options) =>
            session.capture({
              file: snapshotPath(deps.snapshotDir.fsPath, session.pid, new Date(), 1, session.worker?.threadId),
              gc: true,
              force,
              signal: options.signal,
              onProgress: (p) => options.onProgress?.(captureEvent(p)),
            }),
          ),
        ),
      (refusal) => askCaptureAnyway(session, 'the heap snapshot', refusal),
      check.force,
    );
    remember(deps, result, null, session);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(result.file), 'heapscope.heapSnapshot');
  } catch (error) {
    deps.attached.syncAfterFailure();
    reportFailure('capture', error, 'capture');
  }
}

/** Parses a positive whole number typed by the user within bounds; null when invalid. */
export function parseBounded(value: string, min: number, max: number): number | null {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** Heapscope: Capture Leak Series… — N snapshots T seconds apart (each after a GC) of the process or a worker, then analysed. */
export async function captureSeriesCommand(deps: CaptureDeps, workerThreadId?: number): Promise<void> {
  await onChosenThread(deps, workerThreadId, (session) => captureMany(deps, session));
}

async function captureMany(deps: CaptureDeps, session: InspectorSession): Promise<void> {
  const config = vscode.workspace.getConfiguration('heapscope.series');
  const countText = await vscode.window.showInputBox({
    title: 'Capture Leak Series (1/2)',
    prompt: 'How many snapshots? (2–10)',
    value: String(config.get<number>('count', 3)),
    validateInput: (v) => (parseBounded(v, 2, 10) !== null && Number.isInteger(Number(v)) ? undefined : 'A whole number from 2 to 10'),
  });
  if (countText === undefined) return;
  const intervalText = await vscode.window.showInputBox({
    title: 'Capture Leak Series (2/2)',
    prompt: 'Seconds between snapshots (let the app do the work that leaks in between)',
    value: String(config.get<number>('intervalSeconds', 10)),
    validateInput: (v) => (parseBounded(v, 0, 3600) !== null ? undefined : 'Seconds from 0 to 3600'),
  });
  if (intervalText === undefined) return;
  // Checked here for the first snapshot, and again by the series before each one.
  const check = await confirmPreflight(session, 'a leak series');
  if (!check.go) return;
  await runSeriesCapture(deps, session, Number(countText), Number(intervalText), check.force);
}

/**
 * The series itself, with progress and Cancel, then the analysis: the command above after its
 * questions, and the Live Memory panel's auto-capture. Resolves when the analysis is shown.
 * With `heapscope.series.allocationSites`, V8's sampling heap profiler runs through the series.
 * Each snapshot is preflighted; one that will not fit stops the series with the figures unless
 * `force` (the user chose "Capture anyway").
 */
export async function runSeriesCapture(deps: CaptureDeps, session: InspectorSession, count: number, intervalSeconds: number, force = false): Promise<void> {
  const allocationSites = vscode.workspace.getConfiguration('heapscope.series').get<boolean>('allocationSites', false);
  const series = `series-${Date.now()}`;
  const files: string[] = [];
  try {
    await mkdir(deps.snapshotDir.fsPath, { recursive: true });
    // A refusal before snapshot k (after the confirmation passed) offers "Capture anyway", which
    // takes the snapshots still missing, forced; the ones already written are kept.
    const take = (forced: boolean) => withCancellableProgress(`Heapscope: capturing ${count} snapshots of ${session.describe()}`, (options) =>
      session.captureSeries({
        count: count - files.length,
        force: forced,
        intervalSeconds,
        dir: deps.snapshotDir.fsPath,
        signal: options.signal,
        allocationSites: allocationSites ? {} : undefined,
        onProgress: (_index, p) => {
          // Overall percent: finished snapshots plus the fraction of the current walk.
          const event = captureEvent(p, `snapshot ${files.length + 1}/${count}: `);
          const fraction = event.total > 0 ? event.done / event.total : 0;
          options.onProgress?.({ phase: event.phase, done: files.length + fraction, total: count });
        },
        onSnapshot: (result) => {
          files.push(result.file);
          remember(deps, result, series, session);
        },
      }),
    );
    await retryForced((forced) => Promise.resolve(take(forced)), (refusal) => askCaptureAnyway(session, 'the leak series', refusal), force);
  } catch (error) {
    deps.attached.syncAfterFailure();
    reportFailure('the leak series', error, 'capture');
    if (files.length < 2) return;
    void vscode.window.showInformationMessage(`Heapscope: analysing the ${files.length} snapshots captured before the series stopped.`);
  }
  await deps.analyze(files);
}
