import { attachForCommand } from './attachForCommand';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AttachTarget,
  GrowthTrigger,
  InspectorSession,
  MemorySample,
  MemorySampler,
  isInspectorError,
} from '../inspector/inspector';
import { parseCliArgs } from './parseCliArgs';
import { CliCommand, CliIo, CliUsageError } from './cliCommand';
import { positiveNumber } from './positiveNumber';
import { TARGET_OPTION_SPECS, targetFrom } from './targetOptions';
import { formatBytes } from '../protocol/format';
import { WatchDisplay } from './watchDisplay';
import { ErrorCode } from '../protocol/errorCode';

interface AutoCapture {
  growBytes: number;
  windowSeconds: number;
  cooldownSeconds: number;
  count: number;
  intervalSeconds: number;
  dir: string;
  allocationSites: boolean;
}

interface WatchArgs {
  target: AttachTarget;
  json: boolean;
  durationSeconds: number | null;
  intervalSeconds: number;
  auto: AutoCapture | null;
}

/**
 * `heapscope watch`: the target's `process.memoryUsage()` about once a second, as sparklines on a
 * terminal or one JSON object per line; optionally captures a series when growth persists.
 */
export const watchCommand: CliCommand = {
  name: 'watch',
  usage:
    'watch --pid PID | --url WS [--json] [--duration S] [--auto-capture [--grow-mb MIB] [--for S] [--cooldown S] [--count N] [--capture-interval S] [--out DIR] [--allocation-sites]]',
  description: "Watch a running process's memory live; --auto-capture takes a series when it keeps growing",
  async run(args, io) {
    const options = parseWatchArgs(args);
    const attached = await attachForCommand('watch', options.target, options.json, io);
    if ('err' in attached) return attached.err.exitCode;
    const { session } = attached.ok;
    try {
      return await watch(session, options, io);
    } finally {
      const report = await session.detach();
      if (report.switchedOff && !report.portClosed) {
        io.stderr.write(`heapscope watch: warning: the inspector of pid ${session.pid} did not close in time; it closes once the process gets to it\n`);
      }
    }
  },
};

async function watch(session: InspectorSession, options: WatchArgs, io: CliIo): Promise<number> {
  const tty = !options.json && (io.stdout as { isTTY?: boolean }).isTTY === true;
  const display = tty ? new WatchDisplay(io.stdout, `heapscope watch ${session.describe()}`) : null;
  const trigger = options.auto
    ? new GrowthTrigger({
        growBytes: options.auto.growBytes,
        windowMs: options.auto.windowSeconds * 1000,
        cooldownMs: options.auto.cooldownSeconds * 1000,
      })
    : null;
  let capturing: Promise<void> | null = null;
  let failure: Error | null = null;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((r) => (finish = r));
  const note = (line: string) => {
    if (display) display.setStatus(line);
    else io.stderr.write(`heapscope: ${line}\n`);
  };

  const sampler = new MemorySampler(session, {
    intervalMs: options.intervalSeconds * 1000,
    onSample(sample) {
      if (display) display.add(sample);
      else io.stdout.write(`${JSON.stringify(sampleJson(sample))}\n`);
      if (!trigger || capturing) return;
      if (trigger.add(sample)) capturing = autoCapture(sample);
      else if (display) {
        const grown = trigger.growth();
        display.setStatus(`auto-capture: ${grown === null ? 'collecting a baseline' : `low ${formatBytes(grown)} above baseline`} (fires at ${formatBytes(options.auto!.growBytes)} held ${options.auto!.windowSeconds} s)`);
      }
    },
    onMissed(error) {
      if (display) display.setStatus(`missed a sample: ${error.message}`);
    },
    onClosed() {
      failure ??= new Error(`the inspector connection to ${session.describe()} closed`);
      finish();
    },
  });

  async function autoCapture(at: MemorySample): Promise<void> {
    const auto = options.auto!;
    sampler.pause();
    note(`heap grew by ${formatBytes(trigger!.growth() ?? 0)} and stayed up ${auto.windowSeconds} s: capturing ${auto.count} snapshots ${auto.intervalSeconds} s apart into ${auto.dir}`);
    try {
      mkdirSync(auto.dir, { recursive: true });
      const results = await session.captureSeries({
        count: auto.count,
        intervalSeconds: auto.intervalSeconds,
        dir: auto.dir,
        signal: io.signal,
        allocationSites: auto.allocationSites ? {} : undefined,
      });
      note(`captured ${results.map((r) => r.file).join(', ')} (triggered at ${new Date(at.time).toISOString()}); cooling down ${auto.cooldownSeconds} s`);
    } catch (error) {
      if (!io.signal.aborted) failure ??= error instanceof Error ? error : new Error(String(error));
      finish();
      return;
    } finally {
      trigger!.captured(Date.now());
      capturing = null;
    }
    sampler.resume();
  }

  const onAbort = () => finish();
  io.signal.addEventListener('abort', onAbort, { once: true });
  const timer = options.durationSeconds !== null ? setTimeout(finish, options.durationSeconds * 1000) : undefined;
  if (io.signal.aborted) finish();
  sampler.start();
  try {
    await finished;
    await capturing;
  } finally {
    clearTimeout(timer);
    io.signal.removeEventListener('abort', onAbort);
    await sampler.stop();
    display?.finish();
  }
  if (io.signal.aborted) return 130;
  if (failure) {
    const f: Error = failure;
    if (isInspectorError(f, ErrorCode.Cancelled)) return 130;
    throw f;
  }
  return 0;
}

/** The documented line format: `time` (ISO 8601) and the five figures in bytes, plus `gc`. */
export function sampleJson(s: MemorySample) {
  return {
    time: new Date(s.time).toISOString(),
    heapUsed: s.heapUsed,
    heapTotal: s.heapTotal,
    external: s.external,
    arrayBuffers: s.arrayBuffers,
    rss: s.rss,
    gc: s.gc,
  };
}

function parseWatchArgs(args: readonly string[]): WatchArgs {
  const { values } = parseCliArgs(
    args,
    {
      ...TARGET_OPTION_SPECS,
      json: { type: 'boolean' },
      duration: { type: 'string' },
      interval: { type: 'string' },
      'auto-capture': { type: 'boolean' },
      'grow-mb': { type: 'string' },
      for: { type: 'string' },
      cooldown: { type: 'string' },
      count: { type: 'string' },
      'capture-interval': { type: 'string' },
      out: { type: 'string', short: 'o' },
      'allocation-sites': { type: 'boolean' },
    },
    { allowPositionals: false },
  );
  const target = targetFrom(values);
  const autoOnly = ['grow-mb', 'for', 'cooldown', 'count', 'capture-interval', 'out', 'allocation-sites'] as const;
  const stray = autoOnly.find((k) => values[k] !== undefined);
  if (!values['auto-capture'] && stray) throw new CliUsageError(`--${stray} needs --auto-capture`);
  const num = (flag: string, text: string | undefined, fallback: number, integer = false) =>
    text === undefined ? fallback : positiveNumber(flag, text, integer);
  const auto: AutoCapture | null = values['auto-capture']
    ? {
        growBytes: num('--grow-mb', values['grow-mb'], 50) * 1024 * 1024,
        windowSeconds: num('--for', values.for, 60),
        cooldownSeconds: values.cooldown === '0' ? 0 : num('--cooldown', values.cooldown, 600),
        count: num('--count', values.count, 3, true),
        intervalSeconds: num('--capture-interval', values['capture-interval'], 10),
        dir: resolve(values.out ?? '.'),
        allocationSites: values['allocation-sites'] ?? false,
      }
    : null;
  if (auto && auto.count < 2) throw new CliUsageError('--count for --auto-capture takes 2 or more (a series)');
  return {
    target,
    json: values.json ?? false,
    durationSeconds: values.duration === undefined ? null : positiveNumber('--duration', values.duration, false),
    intervalSeconds: num('--interval', values.interval, 1),
    auto,
  };
}
