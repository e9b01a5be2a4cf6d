import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import { FIXTURES_DIR } from './fixtureCases';

/** A fixture program running as a long-lived server (`--serve`), driven one round at a time. */
export interface ServedFixture {
  pid: number;
  /** Runs one round of the workload and resolves once it has settled, with the program's own count (`truth`), if it keeps one. */
  round(): Promise<number | undefined>;
  /** Closes stdin (the program exits) and waits for the exit, killing it after `ms`. */
  stop(ms?: number): Promise<void>;
}

/** How to start it: another Node binary, Node flags before the script, a working directory. */
export interface ServeOptions {
  node?: string;
  nodeArgs?: string[];
  cwd?: string;
}

const live = new Set<ServedFixture>();

/**
 * `file` is a name in test/fixtures/ or an absolute path (a program in test/realworld/programs/).
 * Every fixture is stopped by stopAllFixtures() (call it in `after`), so a test that fails or
 * times out half-way leaves no process behind to hold the run open.
 */
export async function serveFixture(file: string, options: ServeOptions = {}): Promise<ServedFixture> {
  const script = isAbsolute(file) ? file : join(FIXTURES_DIR, file);
  const child: ChildProcessWithoutNullStreams = spawn(options.node ?? process.execPath, [...(options.nodeArgs ?? []), script, '--serve'], {
    stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd,
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const waiting: ((line: Record<string, unknown>) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(JSON.parse(line) as Record<string, unknown>));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      waiting.push(resolve);
      exited.then(() => reject(new Error(`${file} exited: ${stderr}`)));
    });
  const served: ServedFixture = {
    pid: child.pid as number,
    async round() {
      const answer = next();
      child.stdin.write('round\n');
      const line = await answer;
      return typeof line.truth === 'number' ? line.truth : undefined;
    },
    async stop(ms = 10_000) {
      live.delete(served);
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await exited;
      clearTimeout(timer);
    },
  };
  live.add(served);
  try {
    const ready = await Promise.race([next(), new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`${file} printed nothing in 60 s: ${stderr}`)), 60_000).unref();
    })]);
    if (ready.ready !== true) throw new Error(`${file} did not start: ${JSON.stringify(ready)}`);
  } catch (error) {
    await served.stop(2_000);
    throw error;
  }
  return served;
}

/** Stops every fixture still running (each gets `ms` to exit on its own, then SIGKILL). */
export async function stopAllFixtures(ms = 2_000): Promise<void> {
  await Promise.all([...live].map((s) => s.stop(ms)));
}
