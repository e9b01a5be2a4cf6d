import { AllocationSampling, profilePathFor } from './allocationSampling';
import { CaptureOptions, CaptureProgress, CaptureResult } from './captureSnapshot';
import { InspectorError } from './inspectorError';
import type { InspectorSession } from './inspectorSession';
import { snapshotPath } from './snapshotFileName';
import { ErrorCode } from '../protocol/errorCode';

export interface SeriesOptions {
  /** How many snapshots. */
  count: number;
  /** Seconds from the start of one capture to the start of the next. */
  intervalSeconds: number;
  /** Directory for the files (named by snapshotFileName). */
  dir: string;
  signal?: AbortSignal;
  /** `index` is 0-based within the series. */
  onProgress?: (index: number, progress: CaptureProgress) => void;
  /** Called after each snapshot is on disk. */
  onSnapshot?: (result: CaptureResult, index: number) => void;
  stallTimeoutMs?: number;
  /** As for one capture: each snapshot of the series is preflighted (after its GC) and refused unless forced. */
  force?: boolean;
  hostRoots?: CaptureOptions['hostRoots'];
  method?: CaptureOptions['method'];
  /**
   * Run V8's sampling heap profiler through the series and write its live profile after each
   * snapshot beside it (`X.heapprofile`, see allocationSampling.ts); `analyze` reads them.
   */
  allocationSites?: { samplingInterval?: number };
  /**
   * Record every allocation's stack into the snapshots (`trace_tree`); costly, see bench/README.md.
   * Stays on until the session ends (stopping it over CDP would take one more snapshot).
   */
  trackAllocations?: boolean;
}

/**
 * N snapshots T seconds apart, each after a GC, so objects that survive every collection stand
 * out when the series is diffed. A failure or cancel keeps the snapshots already written.
 */
export async function captureSeries(session: InspectorSession, options: SeriesOptions): Promise<CaptureResult[]> {
  if (!Number.isInteger(options.count) || options.count < 1) throw new RangeError(`count must be a positive integer, not ${options.count}`);
  const results: CaptureResult[] = [];
  const sampling = options.allocationSites ? new AllocationSampling(session, options.allocationSites.samplingInterval) : null;
  if (options.trackAllocations) {
    await session.ensureHeapProfiler();
    await session.connection.send('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
  }
  await sampling?.start();
  try {
    await takeSeries(session, options, results, sampling);
  } finally {
    await sampling?.stop();
  }
  return results;
}

async function takeSeries(session: InspectorSession, options: SeriesOptions, results: CaptureResult[], sampling: AllocationSampling | null): Promise<void> {
  for (let i = 0; i < options.count; i++) {
    const started = Date.now();
    const result = await session.capture({
      file: snapshotPath(options.dir, session.pid, new Date(), i + 1, session.worker?.threadId),
      gc: true,
      signal: options.signal,
      stallTimeoutMs: options.stallTimeoutMs,
      force: options.force,
      hostRoots: options.hostRoots,
      method: options.method,
      onProgress: (p) => options.onProgress?.(i, p),
    });
    results.push(result);
    // Right after the snapshot's own collection, so the profile holds what survived it.
    if (sampling) await sampling.writeProfile(profilePathFor(result.file));
    options.onSnapshot?.(result, i);
    if (i + 1 < options.count) await delay(options.intervalSeconds * 1000 - (Date.now() - started), options.signal);
  }
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InspectorError(ErrorCode.Cancelled, 'the series was cancelled'));
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new InspectorError(ErrorCode.Cancelled, 'the series was cancelled'));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
