import { readFileSync, readdirSync } from 'node:fs';

/**
 * The pids of a process group (Linux: field 5 of /proc/PID/stat, after the parenthesised command
 * name, is the group id). Zombies are left out: they are gone, only not yet reaped.
 */
export function processGroupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') out.push(Number(name));
  }
  return out;
}

/** True while any process of the group lives (signal 0 to -pgid; EPERM means one lives as another user). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // On Linux, a group of zombies alone still answers signal 0.
  return process.platform !== 'linux' || processGroupMembers(pgid).length > 0;
}

/** The parent pid (field 4 of /proc/PID/stat), or null when the process is gone. */
export function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}
