import { join } from 'node:path';

/**
 * `heapscope-<pid>-<UTC time>-<seq>.heapsnapshot`, e.g. heapscope-4242-20261124T173301Z-2.heapsnapshot:
 * sorts by pid, then time, then sequence, and never collides within a series.
 */
export function snapshotFileName(pid: number, at: Date, seq: number): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `heapscope-${pid}-${stamp}-${seq}.heapsnapshot`;
}

export function snapshotPath(dir: string, pid: number, at: Date, seq: number): string {
  return join(dir, snapshotFileName(pid, at, seq));
}
