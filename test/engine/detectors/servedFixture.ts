import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FIXTURES_DIR } from './fixtureCases';

/** A fixture program running as a long-lived server (`--serve`), driven one round at a time. */
export interface ServedFixture {
  pid: number;
  /** Runs one round of the workload and resolves once it has settled. */
  round(): Promise<void>;
  /** Closes stdin (the program exits) and waits for the exit, killing it after `ms`. */
  stop(ms?: number): Promise<void>;
}

export async function serveFixture(file: string): Promise<ServedFixture> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [join(FIXTURES_DIR, file), '--serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
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
  const ready = await next();
  if (ready.ready !== true) throw new Error(`${file} did not start: ${JSON.stringify(ready)}`);
  return {
    pid: child.pid as number,
    async round() {
      const answer = next();
      child.stdin.write('round\n');
      await answer;
    },
    async stop(ms = 10_000) {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await exited;
      clearTimeout(timer);
    },
  };
}
