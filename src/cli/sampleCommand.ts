import { attachForCommand } from './attachForCommand';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AttachTarget,
  SampleResult,
  openWorkerSession,
  profilePathFor,
  sampleAllocations,
  snapshotFileName,
} from '../inspector/inspector';
import { SampledSites } from '../protocol/engineApi';
import { CliCommand, CliUsageError } from './cliCommand';
import { positiveNumber } from './positiveNumber';
import { TARGET_OPTION_SPECS, targetFrom, workerChoice } from './targetOptions';
import { formatBytes } from '../protocol/format';
import { ProgressBar } from './progressBar';
import { sampledSitesText } from './sampledSitesText';
import { withEngine } from './withEngine';

interface SampleArgs {
  target: AttachTarget;
  worker: string | undefined;
  durationSeconds: number;
  samplingInterval: number | undefined;
  out: string | undefined;
  json: boolean;
}

/**
 * `heapscope sample`: V8's sampling heap profiler on a running process (or one of its workers) for
 * a while, no snapshot and no pause: writes the `.heapprofile` (DevTools opens it) and prints the
 * sites whose live sampled bytes grew through the window, then the largest live ones.
 */
export const sampleCommand: CliCommand = {
  name: 'sample',
  usage: 'sample --pid PID | --url WS [--worker THREAD_ID|#N] [--duration SECONDS] [--interval-bytes N] [--out FILE] [--json]',
  description: 'Sample allocations with V8\'s sampling heap profiler (no snapshot) and name the growing sites',
  async run(args, io) {
    const options = parseSampleArgs(args);
    const attached = await attachForCommand('sample', options.target, options.json, io);
    if ('err' in attached) return attached.err.exitCode;
    const { status } = attached.ok;
    const main = attached.ok.session;
    let session = main;
    const bar = new ProgressBar(io.stderr);
    let result: SampleResult;
    try {
      if (options.worker !== undefined) session = await openWorkerSession(main, options.worker);
      const file = resolve(options.out ?? profilePathFor(snapshotFileName(session.pid, new Date(), 1, session.worker?.threadId)));
      status(`sampling allocations of ${session.describe()} for ${options.durationSeconds} s (Ctrl-C stops and keeps nothing)`);
      result = await sampleAllocations(session, {
        durationMs: options.durationSeconds * 1000,
        file,
        samplingInterval: options.samplingInterval,
        signal: io.signal,
        onProgress: (done, total) => {
          if (!options.json) bar.update('sampling', done / total, `${Math.round(done / 1000)} of ${Math.round(total / 1000)} s`);
        },
      });
    } finally {
      bar.clear();
      if (session !== main) await session.detach();
      const report = await main.detach();
      if (report.switchedOff && !report.portClosed) {
        io.stderr.write(`heapscope sample: warning: the inspector of pid ${main.pid} did not close in time; it closes once the process gets to it\n`);
      }
    }
    let sites: SampledSites;
    try {
      sites = await withEngine(io, (engine, call) => engine.sampledSites({ profiles: result.profiles }, call()));
    } finally {
      await result.dispose();
    }
    if (options.json) {
      io.stdout.write(`${JSON.stringify({
        pid: session.pid,
        worker: session.worker && { threadId: session.worker.threadId, title: session.worker.title },
        file: result.file,
        bytes: result.bytes,
        startedAt: result.startedAt.toISOString(),
        durationMs: result.durationMs,
        samplingInterval: result.samplingInterval,
        profiles: result.profiles.length,
        ...sites,
      }, null, 2)}\n`);
    } else {
      io.stdout.write(`${result.file} (${formatBytes(result.bytes)}, ${(result.durationMs / 1000).toFixed(1)} s, one sample per ${formatBytes(result.samplingInterval)} on average)\n`);
      io.stdout.write(sampledSitesText(sites, result.profiles.length));
    }
    return 0;
  },
};

function parseSampleArgs(args: readonly string[]): SampleArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      options: {
        ...TARGET_OPTION_SPECS,
        worker: { type: 'string' },
        duration: { type: 'string' },
        'interval-bytes': { type: 'string' },
        out: { type: 'string', short: 'o' },
        json: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const target = targetFrom(values);
  const durationSeconds = values.duration === undefined ? 30 : positiveNumber('--duration', values.duration, false);
  if (durationSeconds > 24 * 3600) throw new CliUsageError('--duration is at most 86400 seconds');
  const interval = values['interval-bytes'] === undefined ? undefined : positiveNumber('--interval-bytes', values['interval-bytes'], true);
  if (values.out !== undefined && !values.out.endsWith('.heapprofile')) throw new CliUsageError(`--out names a .heapprofile file, not '${values.out}'`);
  return {
    target,
    worker: values.worker === undefined ? undefined : workerChoice(values.worker),
    durationSeconds,
    samplingInterval: interval,
    out: values.out,
    json: values.json ?? false,
  };
}
