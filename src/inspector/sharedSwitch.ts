import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { CdpConnection } from './cdpConnection';
import { STOP_WATCHDOG, installWatchdog, sharesPidNamespace } from './holderWatchdog';
import { SWITCH_OFF_DELAY_MS, SWITCH_OFF_NOW, isAlive } from './switchInspector';

/**
 * Who holds an inspector that Heapscope switched on. Several Heapscope sessions (a CLI capture,
 * the extension, another window) can be attached to one target at once; "switched on by us" must
 * mean "switched off by the last of our sessions to leave", whichever process that is. So the
 * record lives in the target itself: a non-enumerable property of globalThis under
 * Symbol.for('heapscope.inspector'), `{ holders: { [sessionId]: { pid, pidns, beat } } }`, read
 * and changed only by expressions sent with Runtime.evaluate. Each expression runs to completion
 * on the target's main thread, so a leave (remove self and stale holders, count who is left,
 * switch off if nobody) is atomic against another session's join.
 *
 * A holder that never left (its process was killed, the window reloaded) must not keep the
 * inspector on forever: the leaving session drops holders whose pid is gone (checked here, in the
 * leaver's own pid namespace, only for holders of the same namespace) and holders whose heartbeat
 * is older than STALE_MS (sessions beat every BEAT_MS; a target blocked by a snapshot beats late,
 * hence the margin). Where nobody leaves at all, the target's own watchdog (holderWatchdog.ts)
 * applies the same rules.
 */

export const BEAT_MS = 30_000;
export const STALE_MS = 10 * 60_000;
const KEY = "Symbol.for('heapscope.inspector')";

export interface Holder {
  pid: number;
  /** The holder's pid namespace (Linux: /proc/self/ns/pid), or null where there is none. */
  pidns: string | null;
  /** The target's Date.now() at the holder's last heartbeat. */
  beat: number;
  /** The target sees this pid as we do, so its watchdog may judge it (holderWatchdog.ts). */
  watch?: boolean;
}

/** What the target's record says, with the target's clock for judging heartbeats. */
interface RecordView {
  holders: Record<string, Holder>;
  now: number;
}

let ownPidNamespace: string | null | undefined;
/** This process's pid namespace (Linux: `pid:[4026531836]`), or null where there is none. */
export function pidNamespace(): string | null {
  if (ownPidNamespace === undefined) {
    try {
      ownPidNamespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      ownPidNamespace = null;
    }
  }
  return ownPidNamespace;
}

async function evaluate(connection: CdpConnection, expression: string, timeoutMs: number): Promise<unknown> {
  const { result, exceptionDetails } = await connection.send(
    'Runtime.evaluate',
    { expression, returnByValue: true, silent: true },
    { timeoutMs },
  );
  if (exceptionDetails) throw new Error(`the target refused Heapscope's holder record: ${exceptionDetails.text}`);
  return result.value;
}

/**
 * Registers a session as a holder. `switchedOn`: a Heapscope session switched the inspector on
 * (this one, or another that has not joined yet: switchOnMarker.ts), so the record is created if
 * missing; otherwise the session joins only if a record exists (the inspector was switched on by
 * another Heapscope session), and an inspector that was on before any of ours is never counted as
 * ours. Resolves to the session's holder id, or null if it holds nothing.
 */
export async function joinHolders(
  connection: CdpConnection,
  switchedOn: boolean,
  timeoutMs = 5000,
  attachedByPid: number | null = null,
): Promise<string | null> {
  const id = randomUUID();
  const ns = pidNamespace();
  // attachedByPid is confirmed as the target's own process.pid (attach.ts's confirmPid).
  const watch = attachedByPid !== null && sharesPidNamespace(attachedByPid, ns);
  const holder = JSON.stringify({ pid: process.pid, pidns: ns, watch });
  const expression =
    `(() => { const k = ${KEY}; let r = globalThis[k];` +
    ` if (!r || typeof r !== 'object' || typeof r.holders !== 'object') { if (!${switchedOn}) return false;` +
    ` r = { holders: {} }; Object.defineProperty(globalThis, k, { value: r, configurable: true, writable: true, enumerable: false }); }` +
    ` r.holders[${JSON.stringify(id)}] = Object.assign(${holder}, { beat: Date.now() }); ${installWatchdog(KEY, STALE_MS, BEAT_MS, SWITCH_OFF_LATER)}; return true; })()`;
  return (await evaluate(connection, expression, timeoutMs)) === true ? id : null;
}

/** The heartbeat: refreshes the holder's time, if it is still listed. Fire and forget. */
export function beat(connection: CdpConnection, id: string): void {
  connection.post('Runtime.evaluate', {
    expression: `(() => { const r = globalThis[${KEY}]; const h = r && r.holders && r.holders[${JSON.stringify(id)}]; if (h) h.beat = Date.now(); })()`,
    silent: true,
  });
}

/** Holders that have gone without leaving. */
export function staleHolders(view: RecordView, self: string | null): string[] {
  const ns = pidNamespace();
  return Object.entries(view.holders)
    .filter(([id, h]) => id !== self && ((h.pidns === ns && !isAlive(h.pid)) || view.now - h.beat > STALE_MS))
    .map(([id]) => id);
}

/**
 * Statements run in the target (`k` is the record's key) once nobody holds the inspector: an empty
 * record replaces it, and after SWITCH_OFF_DELAY_MS, unless somebody joined it meanwhile, the
 * record, the watchdog and the inspector go.
 */
const SWITCH_OFF_LATER =
  ` const closing = { holders: {} }; Object.defineProperty(globalThis, k, { value: closing, configurable: true, writable: true, enumerable: false });` +
  ` setTimeout(() => { if (globalThis[k] !== closing || Object.keys(closing.holders).length > 0) return; delete globalThis[k]; ${STOP_WATCHDOG} ${SWITCH_OFF_NOW} }, ${SWITCH_OFF_DELAY_MS});`;

/**
 * Evaluated in the target: drops the holders `drop` and those whose heartbeat stopped, and if
 * nobody is left, switches the inspector off after SWITCH_OFF_DELAY_MS (see switchInspector.ts).
 * Until then the record stays, empty: a session that attaches inside the delay finds it and joins,
 * and the timer then leaves the inspector on for it. Answers with who is left.
 */
function dropExpression(drop: readonly string[]): string {
  return (
    `(() => { const k = ${KEY}; const r = globalThis[k]; const now = Date.now();` +
    ` if (r && r.holders && typeof r.holders === 'object') { for (const id of ${JSON.stringify(drop)}) delete r.holders[id];` +
    ` for (const id of Object.keys(r.holders)) if (!(now - r.holders[id].beat <= ${STALE_MS})) delete r.holders[id];` +
    ` if (Object.keys(r.holders).length > 0) return { holders: r.holders, now }; }` +
    ` ${SWITCH_OFF_LATER} return { holders: {}, now }; })()`
  );
}

async function drop(connection: CdpConnection, ids: readonly string[], timeoutMs: number): Promise<RecordView> {
  const view = (await evaluate(connection, dropExpression(ids), timeoutMs)) as RecordView | undefined;
  return { holders: view?.holders ?? {}, now: typeof view?.now === 'number' ? view.now : Date.now() };
}

/**
 * Leaves: removes `self` (null: a session that switched on but never registered) and the stale
 * holders, and if nobody is left, forgets the record and switches the inspector off. Resolves to
 * how many live holders keep it on (0: switched off).
 *
 * The leave is sent first, before anything is read: a target busy with a snapshot answers only
 * when it is done, and a leaving process may be gone by then (a VS Code window reloads and its
 * extension host exits within seconds), but a message that has reached the target still runs
 * after we disconnect. Holders whose process is gone are judged here, in our own pid namespace,
 * so they are dropped in a second step, once the first has answered.
 */
export async function leaveHolders(connection: CdpConnection, self: string | null, timeoutMs = 2000): Promise<number> {
  const left = await drop(connection, self === null ? [] : [self], timeoutMs);
  const stale = staleHolders(left, self);
  if (stale.length === 0) return Object.keys(left.holders).length;
  return Object.keys((await drop(connection, stale, timeoutMs)).holders).length;
}
