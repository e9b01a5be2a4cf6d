import { join } from 'node:path';

/**
 * `heapscope-<pid>-<UTC time>-<seq>.heapsnapshot`, e.g. heapscope-4242-20261124T173301Z-2.heapsnapshot:
 * sorts by pid, then time, then sequence, and never collides within a series. A worker thread's
 * snapshot carries its thread id (`heapscope-4242-w3-...`), so a worker's series and the main
 * thread's never share names and sort apart. Only numbers go into the name: the worker's title
 * comes from the target and is never part of a path.
 */
export function snapshotFileName(pid: number, at: Date, seq: number, threadId?: number | null): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const thread = threadId === undefined || threadId === null ? '' : `-w${threadNumber(threadId)}`;
  return `heapscope-${pid}${thread}-${stamp}-${seq}.heapsnapshot`;
}

export function snapshotPath(dir: string, pid: number, at: Date, seq: number, threadId?: number | null): string {
  return join(dir, snapshotFileName(pid, at, seq, threadId));
}

function threadNumber(threadId: number): number {
  if (!Number.isSafeInteger(threadId) || threadId < 0) throw new RangeError(`a worker thread id is a non-negative integer, not ${threadId}`);
  return threadId;
}
