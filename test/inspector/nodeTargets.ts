import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * Real target processes for the inspector tests. Every target prints "ready" once its script has
 * run; every one is killed by killAllTargets() (call it in `after`), so no test leaves processes.
 */
export interface Target {
  child: ChildProcess;
  pid: number;
  /** Lines the target printed to stdout, in order. */
  lines: string[];
  /** Everything the target wrote to stderr so far. */
  stderr(): string;
  /** How it ended, if it did: for messages. */
  exit: string | undefined;
  /** Resolves when the target prints a line equal to `text`. */
  waitForLine(text: string, timeoutMs?: number): Promise<void>;
  kill(): Promise<void>;
}

const live = new Set<Target>();

/**
 * Starts `node [nodeArgs] -e script` with --inspect-port=0 unless nodeArgs names a port, so
 * parallel runs never meet on 9229. The script should end by printing 'ready'.
 */
export async function startTarget(
  script: string,
  nodeArgs: string[] = ['--inspect-port=0'],
  command = process.execPath,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Target> {
  const child = spawn(command, [...nodeArgs, '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters: { text: string; resolve(): void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters.filter((w) => w.text === line)) w.resolve();
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  const target: Target = {
    child,
    pid: child.pid!,
    lines,
    stderr: () => stderr.join(''),
    exit: undefined,
    waitForLine(text, timeoutMs = 10_000) {
      if (lines.includes(text)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`target never printed '${text}'; stderr: ${stderr.join('')}`)), timeoutMs);
        const onExit = () => reject(new Error(`target exited before printing '${text}'; stderr: ${stderr.join('')}`));
        child.once('exit', onExit);
        waiters.push({
          text,
          resolve: () => {
            clearTimeout(timer);
            child.off('exit', onExit);
            resolve();
          },
        });
      });
    },
    async kill() {
      live.delete(target);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    },
  };
  child.on('exit', (code, signal) => (target.exit = `exit code ${code}, signal ${signal}`));
  live.add(target);
  if (script.includes("'ready'")) await target.waitForLine('ready');
  return target;
}

export async function killAllTargets(): Promise<void> {
  await Promise.all([...live].map((t) => t.kill()));
}

/** The script most tests use: some objects to snapshot, then idle. */
export const IDLE_TARGET = "globalThis.keep = Array.from({ length: 1000 }, (_, i) => ({ i })); setInterval(() => {}, 1000); console.log('ready');";

/**
 * TCP ports pid listens on, read with `ss` — independent of heapscope's own /proc reading, so
 * the "port closed" assertions do not trust the code under test.
 */
export function portsListenedBy(pid: number): number[] {
  const out = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' });
  const ports: number[] = [];
  for (const line of out.split('\n')) {
    if (!line.includes(`pid=${pid},`)) continue;
    const m = /\S+:(\d+)\s+\S+:\*/.exec(line);
    if (m) ports.push(Number(m[1]));
  }
  return ports;
}

/** The pids `ss` says listen on a port. */
export function pidsOnPort(port: number): number[] {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  return [...out.matchAll(/pid=(\d+),/g)].map((m) => Number(m[1]));
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The target is still running and holds no listening port: as it was before the test. */
export function assertLeftAsItWas(target: Target): void {
  if (!isRunning(target.pid) || target.exit) {
    throw new Error(`target pid ${target.pid} is no longer running (${target.exit}); its stderr:\n${target.stderr()}`);
  }
  const ports = portsListenedBy(target.pid);
  if (ports.length > 0) throw new Error(`target pid ${target.pid} still listens on ${ports.join(', ')}`);
}

/** Polls until `check` is true or the time is up. */
export async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
