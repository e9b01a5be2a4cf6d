import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, rmdir, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The holder record (sharedSwitch.ts) lives in the target, so it exists only once the session
 * that sent SIGUSR1 has connected and evaluated its join. Between the port opening and that
 * join, a second Heapscope that attaches would find an inspector with no record, take it for the
 * user's own, and hold nothing; the first session's leave would then switch it off under it.
 *
 * So the session that switches an inspector on first leaves a marker that needs no CDP to read:
 * a file in a private per-user directory (mode 0700, ours, not a symlink), named after the target
 * pid and its start time (so a reused pid is another process), written before the signal and
 * removed once the session's join is done (or it has switched the inspector off again). A session
 * that finds an inspector with no record but a fresh marker knows another Heapscope switched it
 * on, and joins as a holder, creating the record (from this process or another). The marker's
 * owner need not be alive: one that died inside the window switched the inspector on all the
 * same, and someone must switch it off.
 * Past MARKER_MAX_MS (the switch-on budget and the linger for a late inspector, with a margin) a
 * marker says nothing any more and is removed by whoever finds it.
 */
export const MARKER_MAX_MS = 60_000;

export interface SwitchOnMarker {
  /** Removes the marker; harmless twice. */
  release(): Promise<void>;
}

/** Where markers may be: the user's runtime directory, and the temp directory (the CLI and VS Code may differ in either). */
function markerDirs(): string[] {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const dirs = [join(tmpdir(), `heapscope-${uid ?? 'user'}`)];
  const runtime = process.env.XDG_RUNTIME_DIR;
  if (runtime) dirs.unshift(join(runtime, 'heapscope'));
  return [...new Set(dirs)];
}

/** True when dir is a real directory of ours that nobody else may write to. */
async function isPrivate(dir: string): Promise<boolean> {
  try {
    const s = await lstat(dir);
    const uid = typeof process.getuid === 'function' ? process.getuid() : s.uid;
    return s.isDirectory() && s.uid === uid && (process.platform === 'win32' || (s.mode & 0o077) === 0);
  } catch {
    return false;
  }
}

/** The target's start time in clock ticks since boot (Linux, field 22 of /proc/PID/stat), or '0'. */
async function startTime(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return /^\d+$/.test(fields[19] ?? '') ? fields[19]! : '0';
}

function prefixFor(pid: number, start: string): string {
  return `switch-on-${pid}-${start}-`;
}

/** Leaves the marker for pid before its inspector is switched on. Never throws: no marker, no worse than before. */
export async function markSwitchingOn(pid: number): Promise<SwitchOnMarker> {
  const name = `${prefixFor(pid, await startTime(pid))}${process.pid}-${randomBytes(4).toString('hex')}`;
  for (const dir of markerDirs()) {
    const file = join(dir, name);
    if (!(await writeMarker(dir, file))) continue;
    let released: Promise<void> | undefined;
    // The folder goes too once it is empty, so nothing of ours stays in the temp directory; a
    // session writing its marker meanwhile finds the folder gone and makes it again.
    return { release: () => (released ??= unlink(file).then(() => rmdir(dir), () => undefined).catch(() => undefined)) };
  }
  return { release: async () => undefined };
}

async function writeMarker(dir: string, file: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await mkdir(dir, { recursive: true, mode: 0o700 }).catch(() => undefined);
    if (!(await isPrivate(dir))) return false;
    try {
      await writeFile(file, JSON.stringify({ owner: process.pid, at: Date.now() }), { flag: 'wx', mode: 0o600 });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
  }
  return false;
}

/**
 * Whether a Heapscope session of this user (in this process or another) is switching pid's
 * inspector on, or did within MARKER_MAX_MS and has not joined yet. Expired markers are removed.
 */
export async function switchOnPending(pid: number): Promise<boolean> {
  const prefix = prefixFor(pid, await startTime(pid));
  for (const dir of markerDirs()) {
    if (!(await isPrivate(dir))) continue;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!name.startsWith(prefix)) continue;
      const file = join(dir, name);
      const written = await lstat(file).then((st) => st.mtimeMs, () => null);
      if (written === null) continue;
      if (Date.now() - written <= MARKER_MAX_MS) return true;
      await unlink(file).catch(() => undefined);
    }
  }
  return false;
}
