import { readlinkSync } from 'node:fs';

/**
 * A holder that dies without leaving (SIGKILL, a crash, a window killed) cannot switch off the
 * inspector it holds, and nobody may ever attach again to do it for it (sharedSwitch.ts). So the
 * target watches its holders itself: the first join installs, through the same Runtime.evaluate,
 * a small timer in the target that every WATCH_MS drops the holders that are gone, and once none
 * is left switches the inspector off the way the last leave does, then stops. The last leave's
 * switch-off stops it too, so a target left as it was carries nothing of ours.
 *
 * The target can only judge a holder by its pid if both see the same pids: holders are marked
 * `watch: true` only when they attached by pid, the target confirmed that pid as its own
 * `process.pid`, and (Linux) the target's pid namespace is the holder's. Those are judged by their
 * pid alone. Any other holder (attached by host:port, or from another pid namespace) is judged by
 * its heartbeat, as a leave judges it: gone when it stopped beating STALE_MS ago; except that after
 * a gap in the watchdog's own ticks (the machine slept, the clock jumped, the target was blocked)
 * every holder gets GRACE_BEATS heartbeat periods to beat again before its age counts.
 *
 * In the target: `process.kill(pid, 0)` failing with ESRCH (EPERM is another user's live process)
 * or, on Linux when `process.getBuiltinModule('fs')` is reachable (Node 20.16+, 22.3+), a zombie
 * state in /proc/PID/stat, means gone. A holder's pid reused by another process before a tick saw
 * it gone (within one period, or while the target was blocked) keeps the inspector on, as it stayed
 * on before the watchdog.
 * The timer is unref'd (it never keeps the target alive), every step is inside try/catch (it never
 * throws into the target), and a tick is one syscall and one small /proc read per holder.
 */
export const WATCH_MS = 2000;
/** A tick this late (or a clock that went back) means the target or the machine stood still. */
const GAP_MS = 3 * WATCH_MS;
const GRACE_BEATS = 2;
export const WATCHDOG_KEY = "Symbol.for('heapscope.inspector.watchdog')";

/** Whether the target `pid` (as we see it) and this process share a pid namespace. */
export function sharesPidNamespace(pid: number, ownNamespace: string | null): boolean {
  if (process.platform !== 'linux') return true;
  if (ownNamespace === null) return false;
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`) === ownNamespace;
  } catch {
    return false;
  }
}

/**
 * The statements, run in the target, that stop the watchdog (from the switch-off itself, so a
 * session that joins inside the switch-off delay keeps its protection).
 */
export const STOP_WATCHDOG = `{ const w = ${WATCHDOG_KEY}; const t = globalThis[w]; if (t) { clearInterval(t); delete globalThis[w]; } }`;

/**
 * An expression, run in the target, that installs the watchdog unless one runs. `recordKey` is the
 * holder record's key; `switchOffLater(closingExpr)` is the statement a leave uses to switch off
 * after the delay. It answers true if a watchdog runs afterwards; it never throws.
 */
export function installWatchdog(recordKey: string, staleMs: number, beatMs: number, switchOffLater: string): string {
  return (
    `(() => { try { const w = ${WATCHDOG_KEY}; if (globalThis[w]) return true; const k = ${recordKey}; const proc = process; const kill = proc.kill;` +
    ` let fs = null; try { if (proc.platform === 'linux' && typeof proc.getBuiltinModule === 'function') fs = proc.getBuiltinModule('fs'); } catch {}` +
    ` const gone = (pid) => { if (!Number.isInteger(pid) || pid <= 0) return false;` +
    ` try { kill.call(proc, pid, 0); } catch (e) { return !!e && e.code === 'ESRCH'; }` +
    ` if (!fs) return false;` +
    ` try { const s = fs.readFileSync('/proc/' + pid + '/stat', 'latin1'); const st = s.charAt(s.lastIndexOf(')') + 2); return st === 'Z' || st === 'X'; } catch { return false; } };` +
    ` let timer; const stop = () => { clearInterval(timer); if (globalThis[w] === timer) delete globalThis[w]; };` +
    ` let last = Date.now(); let grace = 0;` +
    ` const tick = () => { try { const r = globalThis[k];` +
    ` if (!r || typeof r !== 'object' || !r.holders || typeof r.holders !== 'object') { stop(); return; }` +
    ` const now = Date.now(); if (now - last > ${GAP_MS} || now < last) grace = now + ${GRACE_BEATS * beatMs}; last = now;` +
    ` const ids = Object.keys(r.holders); if (ids.length === 0) return;` +
    ` for (const id of ids) { const h = r.holders[id];` +
    ` if (!h || typeof h !== 'object' || (h.watch === true ? gone(h.pid) : now > grace && !(now - h.beat <= ${staleMs}))) delete r.holders[id]; }` +
    ` if (Object.keys(r.holders).length > 0) return; ${switchOffLater} } catch {} };` +
    ` timer = setInterval(tick, ${WATCH_MS}); if (typeof timer.unref === 'function') timer.unref();` +
    ` Object.defineProperty(globalThis, w, { value: timer, configurable: true, writable: true, enumerable: false }); return true; } catch { return false; } })()`
  );
}
