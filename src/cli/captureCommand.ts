import { attachForCommand } from './attachForCommand';
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AttachTarget,
  CaptureProgress,
  CaptureResult,
  CaptureMethod,
  DetachReport,
  InspectorSession,
  Preflight,
  PreflightRefusal,
  openWorkerSession,
  runPreflight,
  profilePathFor,
  snapshotFileName,
} from '../inspector/inspector';
import { parseCliArgs } from './parseCliArgs';
import { CliCommand, CliUsageError } from './cliCommand';
import { captureCostWarning } from './captureWarning';
import { positiveNumber } from './positiveNumber';
import { TARGET_OPTION_SPECS, targetFrom, workerChoice } from './targetOptions';
import { formatBytes } from '../protocol/format';
import { ProgressBar } from './progressBar';

interface CaptureArgs {
  target: AttachTarget;
  out: string | undefined;
  gc: boolean;
  count: number;
  intervalSeconds: number;
  json: boolean;
  stallTimeoutMs: number;
  force: boolean;
  method: CaptureMethod;
  /** A worker thread's threadId, or #N for the Nth; the main thread when undefined. */
  worker: string | undefined;
  allocationSites: boolean;
  trackAllocations: boolean;
}

/** `heapscope capture`: one heap snapshot, or a series, from a running process. */
export const captureCommand: CliCommand = {
  name: 'capture',
  usage: 'capture --pid PID | --url WS [--worker THREAD_ID|#N] [--out FILE] [--gc] [--count N --interval SECONDS [--allocation-sites] [--track-allocations]] [--force] [--json]',
  description: 'Capture heap snapshots from a running Node.js process (switching its inspector on and off)',
  async run(args, io) {
    const options = parseCaptureArgs(args);
    const attached = await attachForCommand('capture', options.target, options.json, io);
    if ('err' in attached) return attached.err.exitCode;
    const main = attached.ok.session;
    let session: InspectorSession = main;
    const bar = new ProgressBar(io.stderr);
    let results: CaptureResult[] = [];
    let detachReport: DetachReport | undefined;
    let usage: { usedSize: number; totalSize: number } | undefined;
    let preflight: Preflight | undefined;
    let refusal: PreflightRefusal | undefined;
    try {
      // A worker's session travels inside the process's; the process session is detached last.
      if (options.worker !== undefined) session = await openWorkerSession(main, options.worker);
      usage = await session.heapUsage();
      // The same check runs again before each snapshot (after its GC); this one is for the warning.
      preflight = await runPreflight(session.connection, session.pid, { signal: io.signal });
      if (!options.json) io.stderr.write(captureCostWarning(session.worker ? session.describe() : `pid ${session.pid}`, usage, preflight));
      if (!preflight.fits && !options.force) throw new PreflightRefusal(preflight, session.pid);
      const show = (prefix: string) => (p: CaptureProgress) => {
        if (p.phase === 'gc') bar.update(`${prefix}collecting garbage`, null);
        else if (p.phase === 'snapshot') bar.update(`${prefix}walking the heap`, p.total > 0 ? p.done / p.total : null);
        else bar.update(`${prefix}writing`, null, formatBytes(p.bytesWritten));
      };
      const report = (r: CaptureResult) => {
        bar.clear();
        if (!options.json) io.stdout.write(`${r.file} (${formatBytes(r.bytes)}, ${(r.durationMs / 1000).toFixed(1)} s)\n`);
      };
      if (options.count === 1) {
        const file = resolve(options.out ?? snapshotFileName(session.pid, new Date(), 1, session.worker?.threadId));
        const r = await session.capture({
          file,
          gc: options.gc,
          signal: io.signal,
          onProgress: show(''),
          stallTimeoutMs: options.stallTimeoutMs,
          force: options.force,
          method: options.method,
        });
        results = [r];
        report(r);
      } else {
        const dir = resolve(options.out ?? '.');
        mkdirSync(dir, { recursive: true });
        results = await session.captureSeries({
          count: options.count,
          intervalSeconds: options.intervalSeconds,
          dir,
          signal: io.signal,
          stallTimeoutMs: options.stallTimeoutMs,
          force: options.force,
          method: options.method,
          onProgress: (i, p) => show(`[${i + 1}/${options.count}] `)(p),
          onSnapshot: report,
          allocationSites: options.allocationSites ? {} : undefined,
          trackAllocations: options.trackAllocations,
        });
      }
    } catch (error) {
      if (!(error instanceof PreflightRefusal)) throw error;
      refusal = error;
      preflight = error.preflight;
    } finally {
      bar.clear();
      if (session !== main) await session.detach();
      detachReport = await main.detach();
      if (detachReport.switchedOff && !detachReport.portClosed) {
        io.stderr.write(`heapscope capture: warning: the inspector of pid ${main.pid} did not close in time; it closes once the process gets to it\n`);
      }
    }
    if (refusal && !options.json) io.stderr.write(`heapscope capture: ${refusal.message}\n`);
    const last = results.at(-1)?.preflight ?? preflight;
    if (options.json) {
      const out = {
        pid: session.pid,
        worker: session.worker && { threadId: session.worker.threadId, title: session.worker.title },
        heapUsage: usage,
        // The check before the last snapshot (or the one that refused).
        preflight: last && { estimatedBytes: last.estimatedBytes, availableBytes: last.availableBytes, limitSource: last.limitSource },
        ...(refusal ? { refused: refusal.message } : {}),
        snapshots: results.map((r) => ({
          file: r.file,
          bytes: r.bytes,
          startedAt: r.startedAt.toISOString(),
          durationMs: r.durationMs,
          method: r.method,
          ...(options.allocationSites ? { allocationProfile: profilePathFor(r.file) } : {}),
        })),
        inspector: { switchedOn: main.switchedOn, ...detachReport },
      };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    }
    return detachReport.portClosed && !refusal ? 0 : 1;
  },
};

function parseCaptureArgs(args: readonly string[]): CaptureArgs {
  const { values } = parseCliArgs(
    args,
    {
      ...TARGET_OPTION_SPECS,
      out: { type: 'string', short: 'o' },
      gc: { type: 'boolean' },
      count: { type: 'string' },
      interval: { type: 'string' },
      json: { type: 'boolean' },
      timeout: { type: 'string' },
      force: { type: 'boolean' },
      method: { type: 'string' },
      worker: { type: 'string' },
      'allocation-sites': { type: 'boolean' },
      'track-allocations': { type: 'boolean' },
    },
    { allowPositionals: false },
  );
  const target = targetFrom(values);
  const method = values.method ?? 'auto';
  if (method !== 'auto' && method !== 'target-file' && method !== 'cdp-stream') {
    throw new CliUsageError(`--method takes auto, target-file or cdp-stream, not '${method}'`);
  }
  const count = values.count === undefined ? 1 : positiveNumber('--count', values.count, true);
  if (values.interval !== undefined && count === 1) throw new CliUsageError('--interval needs --count N with N > 1');
  const intervalSeconds = values.interval === undefined ? 10 : positiveNumber('--interval', values.interval, false);
  if (count > 1 && values.out !== undefined && existsAsFile(values.out)) throw new CliUsageError('with --count, --out names a directory');
  for (const flag of ['allocation-sites', 'track-allocations'] as const) {
    if (values[flag] && count === 1) throw new CliUsageError(`--${flag} needs --count N with N > 1 (growth is read across a series)`);
  }
  return {
    target,
    out: values.out,
    gc: values.gc ?? false,
    count,
    intervalSeconds,
    json: values.json ?? false,
    stallTimeoutMs: values.timeout === undefined ? 60_000 : positiveNumber('--timeout', values.timeout, false) * 1000,
    force: values.force ?? false,
    method,
    worker: values.worker === undefined ? undefined : workerChoice(values.worker),
    allocationSites: values['allocation-sites'] ?? false,
    trackAllocations: values['track-allocations'] ?? false,
  };
}

function existsAsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

