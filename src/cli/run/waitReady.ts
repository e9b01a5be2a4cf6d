import { get } from 'node:http';
import { get as getHttps } from 'node:https';
import { connect } from 'node:net';
import { InspectorError } from '../../inspector/inspector';
import { AppProcess } from './appProcess';
import { RunLog } from './runLog';
import { ErrorCode } from '../../protocol/errorCode';

/** When the app counts as ready: it accepts connections on a port, answers a URL, or prints a line. */
export type ReadyCheck = { port: number } | { url: string } | { pattern: RegExp };

/** `--ready` as given: a port number, an http(s) URL, or else a regular expression over the app's output. */
export function parseReady(value: string): ReadyCheck {
  if (/^\d+$/.test(value)) return { port: Number(value) };
  if (/^https?:\/\//.test(value)) return { url: value };
  try {
    return { pattern: new RegExp(value) };
  } catch (error) {
    throw new Error(`--ready '${value}' is not a port, a URL or a valid regular expression: ${(error as Error).message}`);
  }
}

export function describeReady(check: ReadyCheck): string {
  if ('port' in check) return `port ${check.port} to accept connections`;
  if ('url' in check) return `${check.url} to answer`;
  return `a line of output matching /${check.pattern.source}/`;
}

/**
 * Resolves once the app is ready; rejects when it exits first (AppExitedError), after
 * `timeoutMs`, or on cancel. Probes only the app's own port or URL, every 100 ms.
 */
export async function waitReady(app: AppProcess, log: RunLog, check: ReadyCheck, options: { timeoutMs: number; signal: AbortSignal }): Promise<void> {
  const ready = new AbortController();
  let unsubscribe = () => {};
  const seen =
    'pattern' in check
      ? new Promise<void>((resolve) => {
          unsubscribe = log.onLine((source, line) => {
            if (source === 'app' && check.pattern.test(line)) resolve();
          });
        })
      : poll(check, ready.signal);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the app was not ready after ${Math.round(options.timeoutMs / 1000)} s (waited for ${describeReady(check)}); --timeout SECONDS waits longer`)),
      options.timeoutMs,
    );
  });
  const cancelled = new Promise<never>((_, reject) => {
    const abort = () => reject(new InspectorError(ErrorCode.Cancelled, 'cancelled while waiting for the app to be ready'));
    if (options.signal.aborted) abort();
    options.signal.addEventListener('abort', abort, { once: true });
  });
  cancelled.catch(() => undefined);
  timedOut.catch(() => undefined);
  try {
    await app.guard(Promise.race([seen, timedOut, cancelled]), 'before it was ready');
  } finally {
    ready.abort();
    unsubscribe();
    clearTimeout(timer);
  }
}

async function poll(check: { port: number } | { url: string }, stop: AbortSignal): Promise<void> {
  while (!stop.aborted) {
    if ('port' in check ? (await accepts('127.0.0.1', check.port)) || (await accepts('::1', check.port)) : await answers(check.url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    // Only "does it answer": the app's own certificate on loopback need not be one we trust.
    const request = (url.startsWith('https:') ? getHttps : get)(url, { timeout: 1000, rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve(true);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}
