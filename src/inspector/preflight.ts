import { formatBytes } from '../protocol/format';
import type { CdpConnection } from './cdpConnection';
import { InspectorError } from './inspectorError';
import { HostRoots, LimitSource, MemoryHeadroom, memoryHeadroom } from './memoryHeadroom';
import { estimateSnapshotCost } from './snapshotCost';
import { TargetHeapStats, readTargetHeapStats } from './targetHeapStats';
import { ErrorCode } from '../protocol/errorCode';

/** The check before a snapshot: what it will add to the target's memory, and what is left. */
export interface Preflight {
  /** Estimated growth of the target's peak RSS while V8 builds and writes the snapshot. */
  estimatedBytes: number;
  /** The least headroom found (null: nothing could be read, so nothing is known to be short). */
  availableBytes: number | null;
  limitSource: LimitSource;
  limitPath: string | null;
  /** availableBytes is null, or at least estimatedBytes. */
  fits: boolean;
  heap: TargetHeapStats;
  headroom: MemoryHeadroom;
}

export interface PreflightOptions {
  /** Where /proc and the cgroup mounts are read (tests inject a fake machine). */
  hostRoots?: HostRoots;
  signal?: AbortSignal;
}

/** Reads the target's heap over CDP and its memory limits from /proc and its cgroups. */
export async function runPreflight(connection: CdpConnection, pid: number, options: PreflightOptions = {}): Promise<Preflight> {
  const [heap, headroom] = await Promise.all([readTargetHeapStats(connection, options.signal), memoryHeadroom(pid, options.hostRoots)]);
  const estimatedBytes = estimateSnapshotCost(heap);
  const { availableBytes, limitSource, limitPath } = headroom;
  return { estimatedBytes, availableBytes, limitSource, limitPath, fits: availableBytes === null || availableBytes >= estimatedBytes, heap, headroom };
}

/** Thrown instead of a snapshot that would not fit; carries the figures. Nothing was captured. */
export class PreflightRefusal extends InspectorError {
  constructor(
    readonly preflight: Preflight,
    pid: number,
  ) {
    super(ErrorCode.NoRoom, `refusing to capture pid ${pid}: ${describePreflight(preflight)}. Nothing was captured; force it with --force (or "Capture anyway") if you accept that risk`);
    this.name = 'PreflightRefusal';
  }
}

/** "the snapshot needs about 2.7 GiB more memory in the target; its container (cgroup) allows 1.5 GiB more" */
export function describePreflight(p: Pick<Preflight, 'estimatedBytes' | 'availableBytes' | 'limitSource'>): string {
  const needs = `the snapshot needs about ${formatBytes(p.estimatedBytes)} more memory in the target`;
  if (p.availableBytes === null) return `${needs}; how much it may use could not be read`;
  return `${needs}; ${whoAllows(p.limitSource)} ${formatBytes(p.availableBytes)} more`;
}

function whoAllows(source: LimitSource): string {
  switch (source) {
    case 'cgroup-v1':
    case 'cgroup-v2':
      return 'its container (cgroup) allows';
    case 'MemAvailable':
      return 'the machine has';
    case 'unknown':
      return 'unknown:';
    default: {
      const never: never = source;
      return String(never);
    }
  }
}
