import { CliUsageError } from '../cliCommand';
import { parseCliArgs } from '../parseCliArgs';
import { REPORT_OPTION_SPECS, ReportArgs, parseReportArgs } from '../reportOptions';
import { ReadyCheck, parseReady } from './waitReady';

export interface RunArgs {
  command: string[];
  rounds: number;
  load: { command: string } | { scenario: string } | null;
  /** Null: the app's PORT. */
  ready: ReadyCheck | null;
  /** Null: a free port. */
  port: number | null;
  keep: boolean;
  /** Budget for readiness, each round's load, and a stalled capture. */
  timeoutMs: number;
  report: ReportArgs;
}

/** `heapscope run [options] -- COMMAND...`: everything after `--` is the app's command, untouched. */
export function parseRunArgs(args: readonly string[]): RunArgs {
  const dash = args.indexOf('--');
  if (dash < 0 || dash === args.length - 1) throw new CliUsageError('give the app\'s command after --, e.g. heapscope run --rounds 3 -- node server.js');
  const { values, positionals } = parseCliArgs(args.slice(0, dash), {
    rounds: { type: 'string' },
    load: { type: 'string' },
    scenario: { type: 'string' },
    ready: { type: 'string' },
    port: { type: 'string' },
    keep: { type: 'boolean' },
    timeout: { type: 'string' },
    ...REPORT_OPTION_SPECS,
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected '${positionals[0]}' before --`);
  if (values.load !== undefined && values.scenario !== undefined) throw new CliUsageError('give --load or --scenario, not both');
  let ready: ReadyCheck | null = null;
  if (values.ready !== undefined) {
    try {
      ready = parseReady(values.ready);
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
  }
  return {
    command: args.slice(dash + 1),
    rounds: integer('--rounds', values.rounds, 3, 1, 100),
    load: values.load !== undefined ? { command: values.load } : values.scenario !== undefined ? { scenario: values.scenario } : null,
    ready,
    port: values.port === undefined ? null : integer('--port', values.port, 0, 1, 65535),
    keep: values.keep ?? false,
    timeoutMs: integer('--timeout', values.timeout, 60, 1, 86_400) * 1000,
    report: parseReportArgs(values),
  };
}

function integer(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliUsageError(`${flag} takes an integer from ${min} to ${max}, not '${text}'`);
  return n;
}
