import { join } from 'node:path';
import { CaptureProgress, InspectorSession, attach, pidsListeningOn, runPreflight, snapshotPath } from '../../inspector/inspector';
import { CliIo } from '../cliCommand';
import { captureCostWarning } from '../captureWarning';
import { formatBytes } from '../../protocol/format';
import { ProgressBar } from '../progressBar';
import { AppProcess, describeExit } from './appProcess';
import { findAppPid, launchPlan } from './inspectorLaunch';
import { freePort } from './freePort';
import { LoadDriver } from './loadDriver';
import { RunArgs } from './runArgs';
import { RunLog } from './runLog';
import { describeReady, waitReady } from './waitReady';

/** How long the app gets between SIGTERM and SIGKILL, and after SIGKILL. */
const STOP_GRACE_MS = 5000;
/** Lines of the app's output shown when something fails. */
const SHOWN_LINES = 30;

export interface RoundsContext {
  options: RunArgs;
  io: CliIo;
  log: RunLog;
  load: LoadDriver;
  /** Where the snapshots go (heapscope's own temporary directory). */
  dir: string;
  signal: AbortSignal;
  status(line: string): void;
}

/**
 * Steps 1–3 and 6 of `heapscope run`: starts the app (its inspector on loopback at a free port, a
 * free PORT unless --port), waits until it is ready, then per round drives the load and captures a
 * snapshot after a GC over one CDP session; always stops the app and its children at the end,
 * whatever happened. On failure, the app's last lines are printed before the error goes up.
 */
export async function captureRounds(ctx: RoundsContext): Promise<string[]> {
  const { options, status, signal } = ctx;
  const inspectorPort = await freePort();
  const appPort = options.port ?? (await freePort());
  const plan = launchPlan(options.command, inspectorPort, { ...process.env, PORT: String(appPort) });
  const ready = options.ready ?? { port: appPort };
  const url = 'url' in ready ? new URL(ready.url).origin : `http://127.0.0.1:${appPort}`;
  status(`starting \`${options.command.join(' ')}\` with PORT=${appPort}, its inspector on 127.0.0.1:${inspectorPort}`);
  const app = await AppProcess.start(plan.argv, { env: plan.env, log: ctx.log });
  const files: string[] = [];
  const bar = new ProgressBar(ctx.io.stderr);
  try {
    const started = Date.now();
    await waitReady(app, ctx.log, ready, { timeoutMs: options.timeoutMs, signal });
    status(`the app is ready after ${((Date.now() - started) / 1000).toFixed(1)} s (${describeReady(ready)}); load: ${ctx.load.description}`);
    const session = await app.guard(openSession(app, plan.direct, inspectorPort, appPort, signal, status), 'while heapscope attached');
    try {
      // Each capture below is preflighted again (and refused if it will not fit); this is for the warning.
      ctx.io.stderr.write(captureCostWarning(`pid ${session.pid}`, await session.heapUsage(), await runPreflight(session.connection, session.pid, { signal })));
      for (let round = 1; round <= options.rounds; round++) {
        const prefix = `[${round}/${options.rounds}] `;
        status(`${prefix}load`);
        await app.guard(ctx.load.round(round, { url, timeoutMs: options.timeoutMs, signal }), `during round ${round}'s load`);
        const result = await app.guard(
          session.capture({
            file: snapshotPath(ctx.dir, session.pid, new Date(), round),
            gc: true,
            signal,
            stallTimeoutMs: options.timeoutMs,
            onProgress: (p) => showCapture(bar, prefix, p),
          }),
          `during round ${round}'s snapshot`,
        );
        bar.clear();
        files.push(result.file);
        status(`${prefix}snapshot ${formatBytes(result.bytes)} in ${(result.durationMs / 1000).toFixed(1)} s`);
      }
    } finally {
      bar.clear();
      await session.detach();
    }
    return files;
  } catch (error) {
    bar.clear();
    if (!signal.aborted) showLastLines(ctx, app);
    throw error;
  } finally {
    const exitedBefore = app.exit;
    const stopped = await app.stop(STOP_GRACE_MS);
    const how = exitedBefore ? `it had ${describeExit(exitedBefore).replace(/^was /, 'been ')}` : stopped.killed ? 'killed after SIGTERM was not enough' : 'SIGTERM';
    status(`stopped the app and its children (process group ${app.pid}; ${how})${stopped.left ? '; WARNING: some are still running' : ''}`);
    if (process.platform === 'linux' && (await pidsListeningOn(inspectorPort)).length > 0) {
      status(`WARNING: something still listens on the inspector port ${inspectorPort}`);
    }
  }
}

/** Over the inspector heapscope started (`node …`), or by switching on the app's among the command's Node processes. */
async function openSession(app: AppProcess, direct: boolean, inspectorPort: number, appPort: number, signal: AbortSignal, status: (l: string) => void): Promise<InspectorSession> {
  if (direct) {
    const session = await attach({ host: '127.0.0.1', port: inspectorPort }, { signal });
    if (session.pid !== app.pid) {
      await session.detach();
      throw new Error(`the inspector on 127.0.0.1:${inspectorPort} belongs to pid ${session.pid}, not to the app (pid ${app.pid})`);
    }
    return session;
  }
  const pid = await findAppPid(app.pid, appPort);
  status(`the app is pid ${pid}`);
  return attach({ pid }, { signal, onStatus: status });
}

function showCapture(bar: ProgressBar, prefix: string, p: CaptureProgress): void {
  if (p.phase === 'gc') bar.update(`${prefix}collecting garbage`, null);
  else if (p.phase === 'snapshot') bar.update(`${prefix}walking the heap`, p.total > 0 ? p.done / p.total : null);
  else bar.update(`${prefix}writing`, null, formatBytes(p.bytesWritten));
}

function showLastLines(ctx: RoundsContext, app: AppProcess): void {
  const lines = ctx.log.lastLines(SHOWN_LINES);
  const exit = app.exit ? ` (it ${describeExit(app.exit)})` : '';
  ctx.io.stderr.write(
    lines.length === 0
      ? `heapscope run: the app printed nothing${exit}\n`
      : `heapscope run: the last ${lines.length} lines of output${exit}${ctx.options.keep ? ` (all of it in ${join(ctx.dir, 'app.log')})` : ''}:\n${lines.map((l) => `  ${l}\n`).join('')}`,
  );
}
