import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InspectFlags } from './inspectFlags';
import { InspectorError, throwIfAborted } from './inspectorError';
import { hostForUrl, probeNodeInspector } from './inspectorHttp';
import { findInspector } from './linuxProcesses';
import { listeningSocketsOf, pidsListeningOn, readListeningSockets } from './listeningSockets';
import { ErrorCode } from '../protocol/errorCode';

/**
 * Switching a running process's inspector on and off. On: `process._debugProcess(pid)` from a
 * helper Node process (SIGUSR1 on POSIX, a remote thread on Windows), so the caller's own process
 * (the VS Code extension host) is never the one signalling. Off: evaluated inside the target,
 * deferred with setTimeout so that we have disconnected before the inspector goes away.
 */

/**
 * Evaluated in the target to switch its inspector off after we have disconnected. The delay is
 * not cosmetic: on Node 20.20 a target whose session took a heap snapshot crashed (SIGSEGV) in
 * about 1 of 20 runs when _debugEnd ran while that session was still being torn down (0 ms
 * delay); with the session's disconnect dispatched first (300 ms) it did not crash in 40 runs.
 * The timer starts when the target runs this, and our disconnect is already queued behind it,
 * so a target that is busy when we leave still sees the disconnect first.
 */
export const SWITCH_OFF_DELAY_MS = 500;
/** The statement that switches the target's inspector off at once (run it from a timer, see above). */
export const SWITCH_OFF_NOW =
  "if (typeof process._debugEnd === 'function') process._debugEnd(); else process.getBuiltinModule('inspector').close();";

const HELPER_SOURCE =
  'try { process._debugProcess(Number(process.argv[1])); } catch (e) { process.stderr.write(String(e && e.code || e)); process.exit(3); }';

/** Runs the helper that switches pid's inspector on. Rejects with ENOPROC/EPERM as the OS says. */
export async function sendDebugSignal(pid: number, nodePath = process.execPath): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
  // The helper must not inherit an --inspect from NODE_OPTIONS: it would grab the port itself.
  delete env.NODE_OPTIONS;
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(nodePath, ['-e', HELPER_SOURCE, String(pid)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stderr: err.trim() }));
  });
  if (code === 0) return;
  if (/ESRCH/.test(stderr)) throw new InspectorError(ErrorCode.NoProcess, `no process with pid ${pid}`);
  if (/EPERM/.test(stderr)) throw new InspectorError(ErrorCode.Permission, `permission denied: cannot signal pid ${pid} (it belongs to another user)`);
  throw new InspectorError(ErrorCode.Connect, `switching on the inspector of pid ${pid} failed: ${stderr || `helper exited with ${code}`}`);
}

/** Names who holds `port` (other than `pid`), or null if nobody else does. Linux only. */
export async function otherHolderOfPort(pid: number, port: number): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  const holders = (await pidsListeningOn(port)).filter((p) => p !== pid);
  if (holders.length === 0) {
    // Listening, but in a process whose fds we cannot read (another user's).
    const sockets = await readListeningSockets();
    return sockets.some((s) => s.port === port) ? 'a process heapscope cannot see (another user?)' : null;
  }
  const holder = holders[0];
  const cmd = await readFile(`/proc/${holder}/cmdline`, 'utf8').catch(() => '');
  return `pid ${holder}${cmd ? ` (${cmd.replace(/\0$/, '').split('\0').join(' ').slice(0, 120)})` : ''}`;
}

export function portBusyError(pid: number, port: number, holder: string): InspectorError {
  return new InspectorError(
    ErrorCode.PortBusy,
    `cannot switch on the inspector of pid ${pid}: port ${port} is held by ${holder}. ` +
      `Stop that process, or restart pid ${pid} with --inspect-port=<free port>.`,
  );
}

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

const POLL_MS = 100;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Waits until pid has an inspector listening, and resolves to where. On Linux the socket must be
 * owned by pid itself (via /proc), so another process's inspector on the same port is never
 * mistaken for it. Elsewhere the port its flags name is probed; the caller still checks the pid
 * over CDP. Resolves to null on timeout.
 */
export async function waitForInspector(
  pid: number,
  flags: InspectFlags,
  options: WaitOptions,
): Promise<{ host: string; port: number } | null> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    throwIfAborted(options.signal, 'switching on the inspector');
    if (process.platform === 'linux') {
      const found = await findInspector(pid, flags, await readListeningSockets());
      if (found) return found;
    } else if (await probeNodeInspector(flags.host, flags.port, 500)) {
      return { host: flags.host, port: flags.port };
    }
    if (!isAlive(pid)) throw new InspectorError(ErrorCode.Exited, `pid ${pid} exited while its inspector was being switched on`);
    if (Date.now() >= deadline) return null;
    await sleep(POLL_MS);
  }
}

/** Waits until pid no longer listens on port. Resolves to whether it closed in time. */
export async function waitForPortClosed(pid: number, host: string, port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isAlive(pid)) return true;
    const open =
      process.platform === 'linux'
        ? (await listeningSocketsOf(pid)).some((s) => s.port === port)
        : (await probeNodeInspector(host, port, 500)) !== null;
    if (!open) return true;
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
}

/** True while pid runs. A zombie (exited, not yet reaped by its parent) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    // Field 3 of /proc/PID/stat, after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch {
    return false;
  }
}

/** Whether pid is gone, allowing it a moment: a closed connection usually precedes the exit. */
export async function exitsWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

export function describeEndpoint(host: string, port: number): string {
  return `${hostForUrl(host)}:${port}`;
}
