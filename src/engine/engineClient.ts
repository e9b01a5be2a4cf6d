import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { Remote, ServerMessage } from '../protocol/rpc';
import { createWorkerClient } from '../protocol/workerClient';
import { WORKER_EXEC_ARGV } from './workerExecArgv';
import { EngineApi } from '../protocol/engineApi';

export interface EngineWorkerOptions {
  /** The worker bundle; defaults to engineWorker.js next to the running bundle (dist/). */
  workerPath?: string;
  /** V8 heap limit of the worker (--max-old-space-size). Graph arrays live outside it. */
  maxOldSpaceMb?: number;
}

export interface EngineWorker {
  remote: Remote<EngineApi>;
  /** The worker process id (for diagnostics and tests). */
  readonly pid: number | undefined;
  /** Stops the worker; calls in flight fail with 'engine worker disposed'. */
  dispose(): void;
}

const STDERR_TAIL = 2000;

/**
 * glibc tunables for the worker, each unless the user set it:
 * - mmap_threshold: by default glibc raises its mmap threshold to the size of each freed mmapped
 *   block (up to 32 MB), after which a 12 MB work array lands in the heap and its pages stay with
 *   the process when it is freed. A fixed 256 KB threshold gives every large array its own
 *   mapping, returned to the system on free: peak RSS on the 250 MB bench snapshot fell ~70 MB.
 * Not hugetlb=1 (transparent huge pages for malloc), which we used to set: it saves page faults,
 * but on a virtual machine that hands freed memory back to its host (virtio-balloon free page
 * reporting, as on cloud machines and ours) each first touch of a huge page costs the host far
 * more. Measured with a pause before each run: 250 MB snapshot 1.91-2.10 s with it, 1.66-1.88 s
 * without (1.0 s of system CPU against 0.5); 900 MB 6.5 s against 5.2-5.5 s (4.3 s of system
 * CPU against 1.8). Back to back it gains at most ~0.1 s on the 250 MB snapshot and loses on
 * the 900 MB one.
 */
const WORKER_TUNABLES = ['glibc.malloc.mmap_threshold=262144'];

export function workerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (process.platform !== 'linux') return env;
  const set = env.GLIBC_TUNABLES ? env.GLIBC_TUNABLES.split(':') : [];
  const added = WORKER_TUNABLES.filter((t) => !set.some((s) => s.startsWith(`${t.split('=')[0]}=`)));
  return added.length === 0 ? env : { ...env, GLIBC_TUNABLES: [...set, ...added].join(':') };
}

/**
 * Starts the engine in a child process (child_process.fork, IPC with structured clone) and
 * returns a typed remote. When the worker dies (crash, out of memory, killed), every call in
 * flight and every later call fails with one clear error naming the exit code or signal and the
 * last lines the worker wrote to stderr.
 */
export function startEngineWorker(options: EngineWorkerOptions = {}): EngineWorker {
  const workerPath = options.workerPath ?? join(__dirname, 'engineWorker.js');
  const execArgv = [...WORKER_EXEC_ARGV, ...(options.maxOldSpaceMb ? [`--max-old-space-size=${Math.floor(options.maxOldSpaceMb)}`] : [])];
  const child: ChildProcess = fork(workerPath, [], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and the
    // parent decides what an interrupt means (the CLI cancels the call). The worker still ends
    // with its parent: it exits when the IPC channel closes.
    detached: true,
    env: workerEnv(process.env),
  });

  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL);
  });

  const listeners = new Set<(message: ServerMessage) => void>();
  child.on('message', (message) => {
    for (const l of listeners) l(message as ServerMessage);
  });

  const client = createWorkerClient<EngineApi>(
    (message) => child.send(message, (error) => {
      // Usually the worker just died and 'exit' will say how; if it does not, say this.
      if (error) setTimeout(() => client.die(new Error(`engine worker unreachable: ${error.message}`)), 1000).unref();
    }),
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  );

  child.on('error', (error) => client.die(new Error(`engine worker failed: ${error.message}`)));
  // 'close' comes after the worker's stderr has been read to the end, so the reason is in it.
  child.on('close', (code, signal) => {
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    const reason = lastErrorLine(stderrTail);
    client.die(new Error(`engine worker ${how}${reason ? `: ${reason}` : ''}`));
  });

  return {
    remote: client.remote,
    pid: child.pid,
    dispose() {
      client.die(new Error('engine worker disposed'));
      client.dispose();
      if (child.connected) child.disconnect();
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

/** The line of a crashed Node process's stderr that says what went wrong. */
function lastErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^at /.test(l) && !/^Node\.js v/.test(l));
  return [...lines].reverse().find((l) => /Error\b|FATAL|heap out of memory/i.test(l)) ?? lines.at(-1) ?? '';
}
