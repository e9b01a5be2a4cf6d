import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InspectorError } from '../../inspector/inspector';
import { groupAlive } from './processGroup';
import { RunLog } from './runLog';
import { ErrorCode } from '../../protocol/errorCode';

/** What drives the app for one round: a shell command, a scenario module, or nothing. */
export interface LoadDriver {
  /** For status lines. */
  readonly description: string;
  round(round: number, options: { url: string; timeoutMs: number; signal: AbortSignal }): Promise<void>;
}

export const noLoad: LoadDriver = { description: 'no load (the app runs by itself between snapshots)', round: async () => {} };

/**
 * `--load "<command>"`: run through the shell once per round, in its own process group (so a
 * timeout or Ctrl-C stops everything it started), with HEAPSCOPE_TARGET_URL (the app's base URL)
 * and HEAPSCOPE_ROUND (1-based) in its environment. Its output goes to the log as "load". A
 * non-zero exit fails the run.
 */
export function commandLoad(command: string, log: RunLog): LoadDriver {
  return {
    description: `the load command \`${command}\``,
    round(round, { url, timeoutMs, signal }) {
      return new Promise((done, fail) => {
        const child = spawn(command, {
          shell: true,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, HEAPSCOPE_TARGET_URL: url, HEAPSCOPE_ROUND: String(round) },
        });
        log.follow('load', child.stdout);
        log.follow('load', child.stderr);
        const stopGroup = () => {
          try {
            if (child.pid && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        };
        const timer = setTimeout(() => {
          stopGroup();
          fail(new Error(`the load command did not finish within ${Math.round(timeoutMs / 1000)} s in round ${round} (stopped; --timeout SECONDS allows longer)`));
        }, timeoutMs);
        const abort = () => {
          stopGroup();
          fail(new InspectorError(ErrorCode.Cancelled, `cancelled during round ${round}'s load`));
        };
        signal.addEventListener('abort', abort, { once: true });
        child.once('error', (error) => fail(new Error(`cannot run the load command: ${error.message}`)));
        child.once('exit', (code, sig) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', abort);
          // Whatever it left running in the background would drive load into the next snapshot.
          stopGroup();
          if (code === 0) done();
          else fail(new Error(`the load command ${sig ? `was killed by ${sig}` : `exited with code ${code}`} in round ${round}`));
        });
      });
    },
  };
}

type RoundFunction = (context: { url: string; round: number; signal: AbortSignal }) => unknown;

/**
 * `--scenario FILE`: a module (ESM or CommonJS) exporting `async function round({ url, round })`,
 * loaded once and called once per round in heapscope's own process. The signal in its argument
 * aborts on timeout or Ctrl-C, for scenarios that pass it to fetch().
 */
export async function scenarioLoad(file: string): Promise<LoadDriver> {
  const href = pathToFileURL(resolve(file)).href;
  let mod: Record<string, unknown>;
  try {
    mod = (await importModule(href)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot load the scenario ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fromDefault = typeof mod.default === 'object' && mod.default !== null ? (mod.default as Record<string, unknown>).round : undefined;
  const round = typeof mod.round === 'function' ? mod.round : typeof fromDefault === 'function' ? fromDefault : undefined;
  if (typeof round !== 'function') {
    throw new Error(`the scenario ${file} exports no round() function (expected \`export async function round({ url, round })\` or \`exports.round = …\`)`);
  }
  const call = round as RoundFunction;
  return {
    description: `the scenario ${file}`,
    async round(n, { url, timeoutMs, signal }) {
      const stop = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      let cancelled: () => void = () => undefined;
      const onAbort = () => {
        stop.abort();
        cancelled();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const called = Promise.resolve()
        .then(() => call({ url, round: n, signal: stop.signal }))
        .catch((error: unknown) => {
          throw new Error(`the scenario's round(${n}) failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        });
      const stopped = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`the scenario's round(${n}) did not finish within ${Math.round(timeoutMs / 1000)} s (--timeout SECONDS allows longer)`));
          stop.abort();
        }, timeoutMs);
        cancelled = () => reject(new InspectorError(ErrorCode.Cancelled, `cancelled during round ${n}'s scenario`));
        if (signal.aborted) cancelled();
      });
      // The round keeps running in this process if it ignores its signal; its result no longer matters.
      called.catch(() => undefined);
      try {
        await Promise.race([called, stopped]);
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      }
    },
  };
}

/**
 * A real dynamic import() in the CommonJS bundle: esbuild would turn a plain `import()` into
 * require(), which cannot load an ES module on Node 20.
 */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
