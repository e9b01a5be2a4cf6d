import * as vscode from 'vscode';
import { describeError } from './describeError';

/** What a line is about; the one set of tags keeps the channel easy to filter. */
export type LogTag = 'activate' | 'attach' | 'capture' | 'engine' | 'analyze' | 'snapshots' | 'detach';

/**
 * The extension's one logger: the "Heapscope" Output channel (a LogOutputChannel, so VS Code adds
 * time and level and the user picks the level), every line tagged `[attach]`, `[engine]`, ….
 * What is logged is ours: steps, CDP method names, error codes, counts, timings, file paths the
 * user chose. Never a snapshot string (a class name, a finding's title, an object's value): those
 * are the target's memory.
 */
let channel: vscode.LogOutputChannel | null = null;

export function startLog(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Heapscope', { log: true });
  return channel;
}

export const log = {
  info(tag: LogTag, message: string): void {
    channel?.info(`[${tag}] ${message}`);
  },
  /** Shown only when the user sets the channel's level to Debug (e.g. every table slice). */
  debug(tag: LogTag, message: string): void {
    channel?.debug(`[${tag}] ${message}`);
  },
  warn(tag: LogTag, message: string): void {
    channel?.warn(`[${tag}] ${message}`);
  },
  /** An error by its code and, for a CDP failure, the CDP method that failed. */
  error(tag: LogTag, what: string, error: unknown): void {
    channel?.error(`[${tag}] ${what} failed: ${describeError(error)}`);
  },
};

export { describeError };
