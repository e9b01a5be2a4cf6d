import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { CdpConnection } from './cdpConnection';
import { SWITCH_OFF_EXPRESSION, isAlive } from './switchInspector';

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
 * hence the margin).
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
}

/** What the target's record says, with the target's clock for judging heartbeats. */
interface RecordView {
  holders: Record<string, Holder>;
  now: number;
}

let ownPidNamespace: string | null | undefined;
function pidNamespace(): string | null {
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
 * Registers a session as a holder. `switchedOn`: this session switched the inspector on, so the
 * record is created; otherwise the session joins only if a record exists (the inspector was
 * switched on by another Heapscope session), and an inspector that was on before any of ours is
 * never counted as ours. Resolves to the session's holder id, or null if it holds nothing.
 */
export async function joinHolders(connection: CdpConnection, switchedOn: boolean, timeoutMs = 5000): Promise<string | null> {
  const id = randomUUID();
  const holder = JSON.stringify({ pid: process.pid, pidns: pidNamespace() });
  const expression =
    `(() => { const k = ${KEY}; let r = globalThis[k];` +
    ` if (!r || typeof r !== 'object' || typeof r.holders !== 'object') { if (!${switchedOn}) return false;` +
    ` r = { holders: {} }; Object.defineProperty(globalThis, k, { value: r, configurable: true, writable: true, enumerable: false }); }` +
    ` r.holders[${JSON.stringify(id)}] = Object.assign(${holder}, { beat: Date.now() }); return true; })()`;
  return (await evaluate(connection, expression, timeoutMs)) === true ? id : null;
}

/** The heartbeat: refreshes the holder's time, if it is still listed. Fire and forget. */
export function beat(connection: CdpConnection, id: string): void {
  connection.post('Runtime.evaluate', {
    expression: `(() => { const r = globalThis[${KEY}]; const h = r && r.holders && r.holders[${JSON.stringify(id)}]; if (h) h.beat = Date.now(); })()`,
    silent: true,
  });
}

async function readHolders(connection: CdpConnection, timeoutMs: number): Promise<RecordView> {
  const value = await evaluate(
    connection,
    `(() => { const r = globalThis[${KEY}]; return { holders: (r && r.holders) || {}, now: Date.now() }; })()`,
    timeoutMs,
  );
  const view = value as RecordView | undefined;
  return { holders: view?.holders ?? {}, now: typeof view?.now === 'number' ? view.now : Date.now() };
}

/** Holders that have gone without leaving. */
export function staleHolders(view: RecordView, self: string | null): string[] {
  const ns = pidNamespace();
  return Object.entries(view.holders)
    .filter(([id, h]) => id !== self && ((h.pidns === ns && !isAlive(h.pid)) || view.now - h.beat > STALE_MS))
    .map(([id]) => id);
}

/**
 * Leaves: removes `self` (null: a session that switched on but never registered) and the stale
 * holders, and if nobody is left, forgets the record and switches the inspector off (deferred, see
 * SWITCH_OFF_EXPRESSION). Resolves to how many live holders keep it on (0: switched off).
 */
export async function leaveHolders(connection: CdpConnection, self: string | null, timeoutMs = 2000): Promise<number> {
  // A target too busy to answer still runs the leave later (queued messages are dispatched even
  // after we disconnect); only the stale holders are not dropped then.
  const stale = await readHolders(connection, timeoutMs).then((view) => staleHolders(view, self), () => []);
  const drop = JSON.stringify(self === null ? stale : [self, ...stale]);
  const expression =
    `(() => { const k = ${KEY}; const r = globalThis[k]; let left = 0;` +
    ` if (r && r.holders) { for (const id of ${drop}) delete r.holders[id]; left = Object.keys(r.holders).length; }` +
    ` if (left > 0) return left; delete globalThis[k]; ${SWITCH_OFF_EXPRESSION}; return 0; })()`;
  const left = await evaluate(connection, expression, timeoutMs);
  return typeof left === 'number' ? left : 0;
}
