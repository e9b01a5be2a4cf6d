import { CdpConnection } from './cdpConnection';
import { InspectFlags, parseInspectFlags } from './inspectFlags';
import { InspectorError, isInspectorError, throwIfAborted } from './inspectorError';
import { listInspectorTargets } from './inspectorHttp';
import { InspectorSession } from './inspectorSession';
import { ProcessDetails, describeLinuxProcess } from './linuxProcesses';
import { reachableFromLoopback } from './listeningSockets';
import { joinHolders, leaveHolders } from './sharedSwitch';
import { listNodeProcesses } from './listNodeProcesses';
import { markSwitchingOn, switchOnPending } from './switchOnMarker';
import {
  describeEndpoint,
  otherHolderOfPort,
  portBusyError,
  sendDebugSignal,
  waitForInspector,
  waitForPortClosed,
} from './switchInspector';
import { ErrorCode } from '../protocol/errorCode';

/** What to attach to: a pid (switched on if needed), an inspector ws:// URL, or host:port. */
export type AttachTarget = { pid: number } | { url: string } | { host: string; port: number };

export interface AttachOptions {
  signal?: AbortSignal;
  /** Budget for switching on, connecting and confirming the pid. Default 5000 ms. */
  timeoutMs?: number;
  /** Default timeout of each CDP command afterwards. Default 10 000 ms. */
  commandTimeoutMs?: number;
  /** May we switch the inspector on if it is off? Default true (the user asked to attach). */
  switchOn?: boolean;
  /** Node (or Electron) binary for the switch-on helper. Default process.execPath. */
  nodePath?: string;
  /** Status lines for the user ("switching on the inspector of pid 123…"). */
  onStatus?: (message: string) => void;
  /**
   * If the target does not open its inspector in time (main thread blocked), it will open it when
   * it unblocks; heapscope keeps watching this long to switch it off again. Default 30 000 ms.
   */
  lingerMs?: number;
}

/**
 * Thrown when a switched-on target did not answer in time. `cleanup` settles once heapscope has
 * switched the late inspector off again (or gave up after lingerMs); await it before exiting.
 */
export class SwitchOnTimeoutError extends InspectorError {
  constructor(
    message: string,
    readonly cleanup: Promise<void>,
  ) {
    super(ErrorCode.TimedOut, message);
    this.name = 'SwitchOnTimeoutError';
  }
}

/** Attaches to a target and returns a session whose pid has been confirmed over CDP. */
export async function attach(target: AttachTarget, options: AttachOptions = {}): Promise<InspectorSession> {
  if ('pid' in target) return attachToPid(target.pid, options);
  if ('url' in target) return openSession(target.url, null, undefined, options);
  const [entry] = await listInspectorTargets(target.host, target.port, options.timeoutMs ?? 5000);
  if (!entry) throw new InspectorError(ErrorCode.Connect, `the inspector at ${describeEndpoint(target.host, target.port)} lists no target`);
  return openSession(entry.webSocketDebuggerUrl, { host: target.host, port: target.port }, undefined, options);
}

/**
 * Opens a session on an existing CDP connection (e.g. one built on js-debug's requestCDPProxy).
 * Confirms which process it reaches; never switches anything on or off.
 */
export async function sessionFromConnection(connection: CdpConnection, expectedPid?: number): Promise<InspectorSession> {
  const pid = await confirmPid(connection, expectedPid);
  return new InspectorSession({ connection, pid, endpoint: null, switchedOn: false });
}

async function confirmPid(connection: CdpConnection, expectedPid: number | undefined, timeoutMs?: number): Promise<number> {
  const { result, exceptionDetails } = await connection.send(
    'Runtime.evaluate',
    { expression: 'process.pid', returnByValue: true, silent: true },
    { timeoutMs },
  );
  if (exceptionDetails || typeof result.value !== 'number') {
    throw new InspectorError(ErrorCode.Connect, `${connection.endpoint} is not a Node.js process (process.pid is not a number)`);
  }
  if (expectedPid !== undefined && result.value !== expectedPid) {
    throw new InspectorError(
      ErrorCode.WrongPid,
      `the inspector at ${connection.endpoint} belongs to pid ${result.value}, not pid ${expectedPid}; nothing was captured`,
    );
  }
  return result.value;
}

async function openSession(
  wsUrl: string,
  endpoint: { host: string; port: number } | null,
  expectedPid: number | undefined,
  options: AttachOptions,
  switchedOn = false,
): Promise<InspectorSession> {
  const connection = await CdpConnection.open(wsUrl, {
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? 5000,
    commandTimeoutMs: options.commandTimeoutMs,
  });
  try {
    const pid = await confirmPid(connection, expectedPid, options.timeoutMs ?? 5000);
    // Counted among the holders if we switched it on, or another Heapscope session did (its
    // record, or its marker while it has not joined yet: switchOnMarker.ts); a proxy URL (no
    // endpoint) is someone else's connection and holds nothing.
    const createRecord = switchedOn || (endpoint !== null && (await switchOnPending(pid)));
    // Attached by pid and confirmed: the target's watchdog may judge us by our pid (holderWatchdog.ts).
    const byPid = expectedPid === undefined ? null : pid;
    const holderId = endpoint ? await joinHolders(connection, createRecord, options.timeoutMs ?? 5000, byPid).catch(() => null) : null;
    return new InspectorSession({ connection, pid, endpoint, switchedOn, holderId });
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** Checks the pid exists and can be signalled by us. */
function checkSignalable(pid: number): void {
  try {
    process.kill(pid, 0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') throw new InspectorError(ErrorCode.NoProcess, `no process with pid ${pid}`);
    if (code === 'EPERM') {
      const me = typeof process.getuid === 'function' ? ` (heapscope runs as uid ${process.getuid()})` : '';
      throw new InspectorError(ErrorCode.Permission, `permission denied: pid ${pid} belongs to another user${me}; run heapscope as that user`);
    }
    throw error;
  }
}

async function describe(pid: number): Promise<Pick<ProcessDetails, 'isNode' | 'flags' | 'inspector' | 'argv'> | null> {
  if (process.platform === 'linux') return describeLinuxProcess(pid);
  const found = (await listNodeProcesses()).find((p) => p.pid === pid);
  return found ? { ...found, isNode: true, flags: parseInspectFlags(found.argv) } : null;
}

async function attachToPid(pid: number, options: AttachOptions): Promise<InspectorSession> {
  const status = options.onStatus ?? (() => undefined);
  if (!Number.isInteger(pid) || pid <= 0) throw new InspectorError(ErrorCode.NoProcess, `'${pid}' is not a pid`);
  checkSignalable(pid);
  const details = await describe(pid);
  if (!details) throw new InspectorError(ErrorCode.NoProcess, `no process with pid ${pid}`);
  if (!details.isNode) {
    throw new InspectorError(
      ErrorCode.NotNode,
      `pid ${pid} (${details.argv[0] ?? '?'}) is not a Node.js process; heapscope did not signal it`,
    );
  }
  if (details.inspector) {
    status(`pid ${pid} already has an inspector on ${describeEndpoint(details.inspector.host, details.inspector.port)}`);
    return openOn(pid, details.inspector, options, false);
  }
  if (options.switchOn === false) throw new InspectorError(ErrorCode.Connect, `pid ${pid} has no inspector listening`);
  return switchOnAndOpen(pid, details.flags, options);
}

async function openOn(
  pid: number,
  at: { host: string; port: number },
  options: AttachOptions,
  switchedOn: boolean,
): Promise<InspectorSession> {
  const [entry] = await listInspectorTargets(at.host, at.port, options.timeoutMs ?? 5000);
  if (!entry) throw new InspectorError(ErrorCode.Connect, `the inspector of pid ${pid} at ${describeEndpoint(at.host, at.port)} lists no target`);
  return openSession(entry.webSocketDebuggerUrl, at, pid, options, switchedOn);
}

async function switchOnAndOpen(pid: number, flags: InspectFlags, options: AttachOptions): Promise<InspectorSession> {
  // Says "Heapscope is switching this on" to other sessions until ours has joined the holder
  // record, or the inspector is off again (a late one is watched for lingerMs).
  const marker = await markSwitchingOn(pid);
  let lingering: Promise<void> | undefined;
  try {
    return await signalAndOpen(pid, flags, options, (watch) => (lingering = watch));
  } finally {
    if (lingering) void lingering.finally(() => marker.release());
    else await marker.release();
  }
}

async function signalAndOpen(
  pid: number,
  flags: InspectFlags,
  options: AttachOptions,
  linger: (watch: Promise<void>) => void,
): Promise<InspectorSession> {
  const status = options.onStatus ?? (() => undefined);
  if (flags.sigusr1Disabled) {
    throw new InspectorError(ErrorCode.Refused, `pid ${pid} runs with --disable-sigusr1: its inspector cannot be switched on from outside`);
  }
  if (!reachableFromLoopback(flags.host) || flags.host === '0.0.0.0' || flags.host === '::') {
    throw new InspectorError(
      ErrorCode.Refused,
      `pid ${pid} would open its inspector on ${flags.host} (its --inspect-port), not on loopback only; heapscope will not switch it on`,
    );
  }
  if (flags.port !== 0) {
    const holder = await otherHolderOfPort(pid, flags.port);
    if (holder) throw portBusyError(pid, flags.port, holder);
  }
  throwIfAborted(options.signal, 'attaching');
  status(`switching on the inspector of pid ${pid} (${flags.port === 0 ? 'a free port' : `port ${flags.port}`})`);
  await sendDebugSignal(pid, options.nodePath);
  const timeoutMs = options.timeoutMs ?? 5000;
  let at: { host: string; port: number } | null;
  try {
    at = await waitForInspector(pid, flags, { timeoutMs, signal: options.signal });
  } catch (error) {
    if (isInspectorError(error, ErrorCode.Cancelled)) linger(switchOffWhenItOpens(pid, flags, options.lingerMs ?? 30_000));
    throw error;
  }
  if (!at) {
    if (flags.port !== 0) {
      const holder = await otherHolderOfPort(pid, flags.port);
      if (holder) throw portBusyError(pid, flags.port, holder);
    }
    const lingerMs = options.lingerMs ?? 30_000;
    const cleanup = switchOffWhenItOpens(pid, flags, lingerMs);
    linger(cleanup);
    throw new SwitchOnTimeoutError(
      `pid ${pid} did not open its inspector within ${timeoutMs} ms: its main thread seems blocked (busy in native code) ` +
        `or it ignores SIGUSR1. It will open the inspector when it unblocks; heapscope watches ${Math.round(lingerMs / 1000)} s ` +
        `longer to switch it off again.`,
      cleanup,
    );
  }
  try {
    return await openOn(pid, at, options, true);
  } catch (error) {
    await switchOffUnattached(pid, at).catch(() => undefined);
    throw error;
  }
}

/** We switched it on but could not keep a session: switch it off over a fresh connection. */
async function switchOffUnattached(pid: number, at: { host: string; port: number }): Promise<void> {
  const [entry] = await listInspectorTargets(at.host, at.port, 2000).catch(() => []);
  let keptOn = 0;
  if (entry) {
    const connection = await CdpConnection.open(entry.webSocketDebuggerUrl, { timeoutMs: 2000 });
    try {
      // Only ever switch off the process we switched on, and not under another Heapscope session.
      if ((await confirmPid(connection, undefined, 2000)) === pid) keptOn = await leaveHolders(connection, null, 2000).catch(() => 0);
    } finally {
      await connection.close();
    }
  }
  if (keptOn === 0) await waitForPortClosed(pid, at.host, at.port, 5000);
}

/** Watches for an inspector we requested but that opened late, and switches it off. */
async function switchOffWhenItOpens(pid: number, flags: InspectFlags, lingerMs: number): Promise<void> {
  try {
    const at = await waitForInspector(pid, flags, { timeoutMs: lingerMs });
    if (at) await switchOffUnattached(pid, at);
  } catch {
    // The target exited, or refused: nothing left open by us.
  }
}

