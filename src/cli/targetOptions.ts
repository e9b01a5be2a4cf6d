import { AttachTarget } from '../inspector/inspector';
import { CliUsageError } from './cliCommand';
import { positiveNumber } from './positiveNumber';

/** The options that name a running process, shared by `capture`, `sample` and `watch`. */
export const TARGET_OPTION_SPECS = {
  pid: { type: 'string' },
  url: { type: 'string' },
} as const;

/** The target of `--pid PID` or `--url WS|HOST:PORT`: exactly one of them. */
export function targetFrom(values: { pid?: string; url?: string }): AttachTarget {
  if ((values.pid === undefined) === (values.url === undefined)) throw new CliUsageError('give exactly one of --pid and --url');
  return values.pid !== undefined ? { pid: positiveNumber('--pid', values.pid, true) } : urlTarget(values.url!);
}

export function urlTarget(url: string): AttachTarget {
  if (/^wss?:\/\//.test(url)) return { url };
  const m = /^(?:\[(.+)\]|([^:/]+)):(\d+)$/.exec(url);
  if (!m) throw new CliUsageError(`--url takes ws://host:port/id or host:port, not '${url}'`);
  return { host: m[1] ?? m[2], port: Number(m[3]) };
}

export function workerChoice(text: string): string {
  if (!/^#?[1-9]\d*$/.test(text)) throw new CliUsageError(`--worker takes a worker's threadId or #N (the Nth worker that ps --workers lists), not '${text}'`);
  return text;
}
