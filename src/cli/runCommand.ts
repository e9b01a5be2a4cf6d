import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { analyzeSeries } from './analyzeSeries';
import { CliCommand, CliIo } from './cliCommand';
import { finishReport, readBaseline } from './reportOptions';
import { captureRounds } from './run/captureRounds';
import { isNodeBinary } from './run/inspectorLaunch';
import { LoadDriver, commandLoad, noLoad, scenarioLoad } from './run/loadDriver';
import { RunArgs, parseRunArgs } from './run/runArgs';
import { RunLog } from './run/runLog';

/**
 * `heapscope run [options] -- COMMAND...`: a leak test from start to verdict. Starts the app with
 * its inspector on loopback, waits until it is ready, per round drives load (a shell command or a
 * scenario module) and captures a snapshot after a GC, stops the app and its children, analyses
 * the series in the engine worker, writes the report and gates like `analyze --fail-on` (exit 3).
 * The snapshots and the app's log go to a temporary directory, removed afterwards unless --keep.
 */
export const runCommand: CliCommand = {
  name: 'run',
  usage:
    'run [--rounds N] [--load CMD|--scenario FILE] [--ready PORT|URL|REGEX] [--fail-on KIND|any] [--baseline FILE [--update-baseline]] ' +
    '[--format F] [--report FILE] [--keep] [--port N] [--timeout S] -- COMMAND...',
  description: 'start an app, drive load, capture a series, analyse and gate: a leak test for CI',
  async run(args, io) {
    const options = parseRunArgs(args);
    const baseline = await readBaseline(options.report);
    const controller = new AbortController();
    const cancel = () => controller.abort();
    io.signal.addEventListener('abort', cancel, { once: true });
    // CI runners stop a job with SIGTERM: the app must still be stopped.
    process.once('SIGTERM', cancel);
    process.once('SIGHUP', cancel);
    // A second Ctrl-C must not kill heapscope before it has stopped the app (in its own group, the app would live on).
    const again = () => status('stopping the app, one moment');
    process.on('SIGINT', again);
    const signal = controller.signal;
    const runIo: CliIo = { ...io, signal };
    const status = (line: string) => io.stderr.write(`heapscope run: ${line}\n`);
    const dir = await mkdtemp(join(tmpdir(), 'heapscope-run-'));
    const log = new RunLog(join(dir, 'app.log'));
    try {
      const load = await loadDriver(options, log);
      const files = await captureRounds({ options, io, log, load, dir, signal, status });
      status(`analysing ${files.length} snapshots`);
      const { infos, findings, notes, sites } = await analyzeSeries(runIo, files);
      const { code, report } = await finishReport(io, options.report, {
        snapshots: infos,
        findings,
        notes,
        allocationSites: sites,
        baseline,
        subject: options.command.join(' '),
        entryFile: entryFile(options.command),
      });
      const fresh = report.findings.filter((f) => f.status !== 'known').length;
      status(`${report.findings.length} finding(s)${report.fixed ? `, ${fresh} new, ${report.fixed.length} fixed` : ''}${report.gate ? `; gate ${report.gate.failed ? 'FAILED' : 'passed'}` : ''}`);
      return code;
    } catch (error) {
      if (signal.aborted) {
        status('cancelled; the app was stopped');
        return 130;
      }
      throw error;
    } finally {
      io.signal.removeEventListener('abort', cancel);
      process.removeListener('SIGTERM', cancel);
      process.removeListener('SIGHUP', cancel);
      process.removeListener('SIGINT', again);
      await log.close();
      if (options.keep) status(`kept the snapshots and the app's log in ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    }
  },
};

async function loadDriver(options: RunArgs, log: RunLog): Promise<LoadDriver> {
  if (options.load === null) return noLoad;
  if ('command' in options.load) return commandLoad(options.load.command, log);
  return scenarioLoad(options.load.scenario);
}

/**
 * The app's entry script relative to the working directory (`node [flags] server.js` → server.js),
 * for report locations of findings the heap does not locate; null when there is none.
 */
function entryFile(command: readonly string[]): string | null {
  if (!isNodeBinary(command[0])) return existsSync('package.json') ? 'package.json' : null;
  const script = command.slice(1).find((a) => !a.startsWith('-'));
  if (!script || !existsSync(script)) return null;
  const rel = relative(process.cwd(), resolve(script));
  return rel.startsWith('..') ? null : rel.split('\\').join('/');
}
