import { ChildProcess, spawn } from 'node:child_process';
import { groupAlive } from './processGroup';
import { RunLog } from './runLog';

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The app died while heapscope needed it. The message gives its exit status and last lines. */
export class AppExitedError extends Error {
  constructor(
    readonly exit: AppExit,
    when: string,
  ) {
    super(`the app ${describeExit(exit)} ${when}`);
    this.name = 'AppExitedError';
  }
}

export function describeExit(exit: AppExit): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/**
 * A child started in its own process group (detached), so stop() reaches the app and every child
 * it started (npm → sh → node, workers, helpers) with one signal, and a Ctrl-C at the terminal
 * reaches heapscope only: heapscope then stops the app itself.
 */
export class AppProcess {
  readonly pid: number;
  readonly exited: Promise<AppExit>;
  exit: AppExit | null = null;
  private readonly child: ChildProcess;

  private constructor(child: ChildProcess, pid: number) {
    this.child = child;
    this.pid = pid;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  /** Spawns `argv` (no shell: a PATH lookup of argv[0]); its stdout and stderr go to `log` as "app". */
  static start(argv: readonly string[], options: { env: NodeJS.ProcessEnv; cwd?: string; log: RunLog }): Promise<AppProcess> {
    return new Promise((resolve, reject) => {
      const child = spawn(argv[0], argv.slice(1), { env: options.env, cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      child.once('error', (error) => reject(new Error(`cannot start ${argv[0]}: ${error.message}`)));
      child.once('spawn', () => {
        options.log.follow('app', child.stdout!);
        options.log.follow('app', child.stderr!);
        resolve(new AppProcess(child, child.pid!));
      });
    });
  }

  /** `step`, unless the app exits first: then AppExitedError saying `when`. */
  async guard<T>(step: Promise<T>, when: string): Promise<T> {
    if (this.exit) throw new AppExitedError(this.exit, when);
    const died = this.exited.then((exit) => Promise.reject(new AppExitedError(exit, when)));
    died.catch(() => undefined);
    return Promise.race([step, died]);
  }

  /**
   * Stops the app and its children: SIGTERM to the process group, SIGKILL to what is left after
   * `graceMs`. Resolves once the group is empty (or after another `graceMs` past the SIGKILL, with
   * `left` true). Safe to call after the app exited by itself: its children still get the signal.
   */
  async stop(graceMs: number): Promise<{ killed: boolean; left: boolean }> {
    signalGroup(this.pid, 'SIGTERM');
    if (await groupGone(this.pid, this.exited, graceMs)) return { killed: false, left: false };
    signalGroup(this.pid, 'SIGKILL');
    return { killed: true, left: !(await groupGone(this.pid, this.exited, graceMs)) };
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

async function groupGone(pgid: number, exited: Promise<AppExit>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  let leaderGone = false;
  void exited.then(() => (leaderGone = true));
  for (;;) {
    // The leader counts until Node has reaped it (its 'exit' event), so its exit status is known.
    if (leaderGone && !groupAlive(pgid)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
