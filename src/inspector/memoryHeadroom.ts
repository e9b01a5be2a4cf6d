import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where the host's files are read from. Tests point both at a directory that looks like a
 * machine (a fake /proc and cgroup tree), so every cgroup layout can be checked without one.
 */
export interface HostRoots {
  /** The proc filesystem. Default '/proc'. */
  proc?: string;
  /** Prefixed to every mount point found in mountinfo. Default '' (the real file system). */
  fs?: string;
}

export type LimitSource = 'cgroup-v2' | 'cgroup-v1' | 'MemAvailable' | 'unknown';

/** How much more memory the target may use before the kernel (or its container) says no. */
export interface MemoryHeadroom {
  /** The smallest headroom found; null when nothing could be read. */
  availableBytes: number | null;
  /** Which limit that is. */
  limitSource: LimitSource;
  /** The file it came from (the cgroup directory, or /proc/meminfo). */
  limitPath: string | null;
  /** Every limit that was read, for messages and --json. */
  limits: { source: LimitSource; path: string; availableBytes: number }[];
}

// v1 reports "no limit" as the largest page-aligned long; anything this large is no limit.
const NO_LIMIT = 2 ** 60;

/**
 * The target's memory headroom: for each cgroup (v2 `memory.max`, v1 `memory.limit_in_bytes`)
 * from the target's own up to the mount's root, its limit minus its usage (`memory.current` /
 * `memory.usage_in_bytes`, less the inactive page cache the kernel reclaims before it kills), and
 * the machine's MemAvailable. The smallest wins. A level whose files cannot be read is skipped:
 * the others still bound the answer.
 */
export async function memoryHeadroom(pid: number, roots: HostRoots = {}): Promise<MemoryHeadroom> {
  const proc = roots.proc ?? '/proc';
  const limits: MemoryHeadroom['limits'] = [];
  const [cgroupText, mountText, meminfo] = await Promise.all([
    readText(join(proc, String(pid), 'cgroup')),
    readText(join(proc, 'self', 'mountinfo')),
    readText(join(proc, 'meminfo')),
  ]);
  if (cgroupText !== null && mountText !== null) {
    for (const dir of cgroupDirs(cgroupText, mountText, roots.fs ?? '')) {
      const available = await cgroupHeadroom(dir.path, dir.version);
      if (available !== null) limits.push({ source: dir.version === 2 ? 'cgroup-v2' : 'cgroup-v1', path: dir.path, availableBytes: available });
    }
  }
  const memAvailable = meminfo === null ? null : /^MemAvailable:\s+(\d+) kB$/m.exec(meminfo);
  if (memAvailable) limits.push({ source: 'MemAvailable', path: join(proc, 'meminfo'), availableBytes: Number(memAvailable[1]) * 1024 });
  if (limits.length === 0) return { availableBytes: null, limitSource: 'unknown', limitPath: null, limits };
  const least = limits.reduce((a, b) => (b.availableBytes < a.availableBytes ? b : a));
  return { availableBytes: least.availableBytes, limitSource: least.source, limitPath: least.path, limits };
}

interface CgroupDir {
  path: string;
  version: 1 | 2;
}

/**
 * The memory cgroup directories of a process, leaf first, each ancestor after it up to the
 * mount's root. /proc/PID/cgroup lines are `hierarchy:controllers:path` (v2: `0::path`); the path
 * is relative to the cgroup root of our namespace, and mountinfo's fourth field says which
 * directory of that hierarchy each mount shows (a container sees its own cgroup as '/').
 */
export function cgroupDirs(cgroupText: string, mountinfoText: string, fsRoot: string): CgroupDir[] {
  const mounts = parseCgroupMounts(mountinfoText);
  const dirs: CgroupDir[] = [];
  for (const line of cgroupText.split('\n')) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (!m) continue;
    const v2 = m[1] === '0' && m[2] === '';
    if (!v2 && !m[2].split(',').includes('memory')) continue;
    const mount = mounts.find((x) => (v2 ? x.version === 2 : x.version === 1 && x.options.includes('memory')));
    if (!mount) continue;
    // Inside the mount: the cgroup path less the directory the mount shows.
    let rel = m[3];
    if (mount.root !== '/' && (rel === mount.root || rel.startsWith(`${mount.root}/`))) rel = rel.slice(mount.root.length);
    const parts = rel.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
    for (let n = parts.length; n >= 0; n--) {
      dirs.push({ path: join(fsRoot, mount.point, ...parts.slice(0, n)), version: v2 ? 2 : 1 });
    }
  }
  return dirs;
}

interface CgroupMount {
  root: string;
  point: string;
  version: 1 | 2;
  options: string[];
}

/** mountinfo: `id parent major:minor root mountpoint options [tags] - fstype source superoptions`. */
function parseCgroupMounts(text: string): CgroupMount[] {
  const mounts: CgroupMount[] = [];
  for (const line of text.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!right) continue;
    const fields = left.split(' ');
    const [fstype, , superOptions = ''] = right.split(' ');
    if (fstype !== 'cgroup' && fstype !== 'cgroup2') continue;
    mounts.push({
      root: unescapeMount(fields[3]),
      point: unescapeMount(fields[4]),
      version: fstype === 'cgroup2' ? 2 : 1,
      options: superOptions.split(','),
    });
  }
  return mounts;
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescapeMount(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** Limit minus usage of one cgroup directory; null when it has no limit or cannot be read. */
async function cgroupHeadroom(dir: string, version: 1 | 2): Promise<number | null> {
  const [limitText, usageText, statText] = await Promise.all([
    readText(join(dir, version === 2 ? 'memory.max' : 'memory.limit_in_bytes')),
    readText(join(dir, version === 2 ? 'memory.current' : 'memory.usage_in_bytes')),
    readText(join(dir, 'memory.stat')),
  ]);
  if (limitText === null || usageText === null) return null;
  const limit = limitText.trim() === 'max' ? Infinity : Number(limitText.trim());
  const usage = Number(usageText.trim());
  if (!Number.isFinite(limit) || limit >= NO_LIMIT || !Number.isFinite(usage) || !/^\d+$/.test(limitText.trim())) return null;
  // The kernel drops inactive page cache before it invokes the OOM killer (docker stats does the same).
  const inactive = statText === null ? null : new RegExp(`^${version === 2 ? 'inactive_file' : 'total_inactive_file'} (\\d+)$`, 'm').exec(statText);
  const used = Math.max(0, usage - (inactive ? Number(inactive[1]) : 0));
  return Math.max(0, limit - used);
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
