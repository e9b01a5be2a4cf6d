import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AttachTarget,
  CaptureProgress,
  CaptureResult,
  DetachReport,
  InspectorSession,
  SwitchOnTimeoutError,
  attach,
  profilePathFor,
  snapshotFileName,
} from '../inspector/inspector';
import { CliCommand, CliUsageError } from './cliCommand';
import { captureCostWarning } from './captureWarning';
import { formatBytes } from './numberFormat';
import { ProgressBar } from './progressBar';

interface CaptureArgs {
  target: AttachTarget;
  out: string | undefined;
  gc: boolean;
  count: number;
  intervalSeconds: number;
  json: boolean;
  stallTimeoutMs: number;
  allocationSites: boolean;
  trackAllocations: boolean;
}

/** `heapscope capture`: one heap snapshot, or a series, from a running process. */
export const captureCommand: CliCommand = {
  name: 'capture',
  usage: 'capture --pid PID | --url WS [--out FILE] [--gc] [--count N --interval SECONDS [--allocation-sites] [--track-allocations]] [--json]',
  description: 'Capture heap snapshots from a running Node.js process (switching its inspector on and off)',
  async run(args, io) {
    const options = parseCaptureArgs(args);
    const status = (line: string) => {
      if (!options.json) io.stderr.write(`heapscope: ${line}\n`);
    };
    let session: InspectorSession;
    try {
      session = await attach(options.target, { signal: io.signal, onStatus: status });
    } catch (error) {
      if (error instanceof SwitchOnTimeoutError) {
        io.stderr.write(`heapscope capture: ${error.message}\n(Ctrl-C stops waiting and leaves the inspector to open later)\n`);
        await Promise.race([error.cleanup, new Promise((r) => io.signal.addEventListener('abort', r, { once: true }))]);
        return 1;
      }
      throw error;
    }
    const bar = new ProgressBar(io.stderr);
    let results: CaptureResult[] = [];
    let detachReport: DetachReport | undefined;
    let usage: { usedSize: number; totalSize: number } | undefined;
    try {
      usage = await session.heapUsage();
      if (!options.json) io.stderr.write(captureCostWarning(session.pid, usage));
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
        const file = resolve(options.out ?? snapshotFileName(session.pid, new Date(), 1));
        const r = await session.capture({ file, gc: options.gc, signal: io.signal, onProgress: show(''), stallTimeoutMs: options.stallTimeoutMs });
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
          onProgress: (i, p) => show(`[${i + 1}/${options.count}] `)(p),
          onSnapshot: report,
          allocationSites: options.allocationSites ? {} : undefined,
          trackAllocations: options.trackAllocations,
        });
      }
    } finally {
      bar.clear();
      detachReport = await session.detach();
      if (detachReport.switchedOff && !detachReport.portClosed) {
        io.stderr.write(`heapscope capture: warning: the inspector of pid ${session.pid} did not close in time; it closes once the process gets to it\n`);
      }
    }
    if (options.json) {
      const out = {
        pid: session.pid,
        heapUsage: usage,
        snapshots: results.map((r) => ({
          file: r.file,
          bytes: r.bytes,
          startedAt: r.startedAt.toISOString(),
          durationMs: r.durationMs,
          ...(options.allocationSites ? { allocationProfile: profilePathFor(r.file) } : {}),
        })),
        inspector: { switchedOn: session.switchedOn, ...detachReport },
      };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    }
    return detachReport.portClosed ? 0 : 1;
  },
};

function parseCaptureArgs(args: readonly string[]): CaptureArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      options: {
        pid: { type: 'string' },
        url: { type: 'string' },
        out: { type: 'string', short: 'o' },
        gc: { type: 'boolean' },
        count: { type: 'string' },
        interval: { type: 'string' },
        json: { type: 'boolean' },
        timeout: { type: 'string' },
        'allocation-sites': { type: 'boolean' },
        'track-allocations': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if ((values.pid === undefined) === (values.url === undefined)) throw new CliUsageError('give exactly one of --pid and --url');
  const count = values.count === undefined ? 1 : positiveNumber('--count', values.count, true);
  if (values.interval !== undefined && count === 1) throw new CliUsageError('--interval needs --count N with N > 1');
  const intervalSeconds = values.interval === undefined ? 10 : positiveNumber('--interval', values.interval, false);
  if (count > 1 && values.out !== undefined && existsAsFile(values.out)) throw new CliUsageError('with --count, --out names a directory');
  for (const flag of ['allocation-sites', 'track-allocations'] as const) {
    if (values[flag] && count === 1) throw new CliUsageError(`--${flag} needs --count N with N > 1 (growth is read across a series)`);
  }
  return {
    target: values.pid !== undefined ? { pid: positiveNumber('--pid', values.pid, true) } : urlTarget(values.url!),
    out: values.out,
    gc: values.gc ?? false,
    count,
    intervalSeconds,
    json: values.json ?? false,
    stallTimeoutMs: values.timeout === undefined ? 60_000 : positiveNumber('--timeout', values.timeout, false) * 1000,
    allocationSites: values['allocation-sites'] ?? false,
    trackAllocations: values['track-allocations'] ?? false,
  };
}

export function urlTarget(url: string): AttachTarget {
  if (/^wss?:\/\//.test(url)) return { url };
  const m = /^(?:\[(.+)\]|([^:/]+)):(\d+)$/.exec(url);
  if (!m) throw new CliUsageError(`--url takes ws://host:port/id or host:port, not '${url}'`);
  return { host: m[1] ?? m[2], port: Number(m[3]) };
}

export function positiveNumber(flag: string, text: string, integer: boolean): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new CliUsageError(`${flag} takes a positive ${integer ? 'integer' : 'number'}, not '${text}'`);
  }
  return n;
}

function existsAsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

