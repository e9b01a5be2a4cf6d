import { dirname } from 'node:path';
import { sweepCaptureLeftovers } from './captureLeftovers';
import { InspectorError } from './inspectorError';
import type { InspectorSession } from './inspectorSession';
import { Preflight, PreflightRefusal, runPreflight } from './preflight';
import type { HostRoots } from './memoryHeadroom';
import { streamSnapshot } from './streamSnapshot';
import { NotLocalError, targetFileSnapshot } from './targetFileSnapshot';
import { ErrorCode } from '../protocol/errorCode';

export interface CaptureProgress {
  /** 'gc': collecting garbage; 'snapshot': V8 walks the heap; 'writing': chunks reach the file. */
  phase: 'gc' | 'snapshot' | 'writing';
  /** Objects walked (snapshot) or bytes written (writing). */
  done: number;
  /** Objects to walk (snapshot; 0 when V8 does not say); 0 while writing (the size is not known in advance). */
  total: number;
  bytesWritten: number;
}

/**
 * How the snapshot reaches the file. 'target-file': the target writes it itself into a private
 * directory Heapscope names (same machine only); 'cdp-stream': V8 sends it over the inspector
 * connection and Heapscope writes it. 'auto' (default): target-file where it applies, else the
 * stream (bench/capturePaths.bench.ts measures both).
 */
export type CaptureMethod = 'auto' | 'target-file' | 'cdp-stream';

export interface CaptureOptions {
  /** Destination. Only ever holds a complete snapshot (written elsewhere, then renamed). */
  file: string;
  /** HeapProfiler.collectGarbage first. */
  gc?: boolean;
  /** Cancelling disconnects the session (detach) and deletes the partial file. */
  signal?: AbortSignal;
  onProgress?: (progress: CaptureProgress) => void;
  /** Fail with ETIMEDOUT when the target sends (or writes) nothing for this long. Default 60 000 ms. */
  stallTimeoutMs?: number;
  /** Capture even when the preflight says the snapshot will not fit. */
  force?: boolean;
  /** Where the preflight reads /proc and the cgroups (tests). */
  hostRoots?: HostRoots;
  method?: CaptureMethod;
}

export interface CaptureResult {
  file: string;
  bytes: number;
  pid: number;
  startedAt: Date;
  durationMs: number;
  /** The check made before this snapshot. */
  preflight: Preflight;
  method: Exclude<CaptureMethod, 'auto'>;
}

/**
 * One heap snapshot, after the preflight: a snapshot that would not fit in the target's memory
 * (src/inspector/preflight.ts) is refused with PreflightRefusal (ENOROOM, the session stays
 * attached) unless `force`. A cancelled, stalled or failed capture removes its partial file and
 * detaches the session, switching the inspector off if we switched it on.
 */
export async function captureSnapshot(session: InspectorSession, options: CaptureOptions): Promise<CaptureResult> {
  const startedAt = new Date();
  const connection = session.connection;
  // Work files of captures whose process died (a reloaded window, a killed CLI) go first.
  await sweepCaptureLeftovers(dirname(options.file));
  let preflight: Preflight;
  try {
    preflight = await withinStallTimeout(session, options, async () => {
      await session.ensureHeapProfiler();
      if (options.gc) {
        options.onProgress?.({ phase: 'gc', done: 0, total: 1, bytesWritten: 0 });
        await connection.send('HeapProfiler.collectGarbage', undefined, { timeoutMs: 0 });
        options.onProgress?.({ phase: 'gc', done: 1, total: 1, bytesWritten: 0 });
      }
      return runPreflight(connection, session.pid, { hostRoots: options.hostRoots });
    });
  } catch (error) {
    // Cut off mid-command: the session's state is unknown, so end it, as a failed capture does.
    await session.detach();
    throw error;
  }
  if (!preflight.fits && !options.force) throw new PreflightRefusal(preflight, session.pid);
  const method = options.method ?? 'auto';
  let used: CaptureResult['method'] = 'cdp-stream';
  let bytes: number | undefined;
  if (method !== 'cdp-stream') {
    try {
      ({ bytes } = await targetFileSnapshot(session, options));
      used = 'target-file';
    } catch (error) {
      if (!(error instanceof NotLocalError) || method === 'target-file') throw error;
    }
  }
  bytes ??= (await streamSnapshot(session, options)).bytes;
  return { file: options.file, bytes, pid: session.pid, startedAt, durationMs: Date.now() - startedAt.getTime(), preflight, method: used };
}

/** The steps before the snapshot, bounded like the snapshot itself: by silence, and by cancel. */
async function withinStallTimeout<T>(session: InspectorSession, options: CaptureOptions, work: () => Promise<T>): Promise<T> {
  const stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new InspectorError(
            ErrorCode.TimedOut,
            `${session.describe()} sent nothing for ${Math.round(stallTimeoutMs / 1000)} s during the capture: its main thread seems blocked; nothing was written`,
          ),
        ),
      stallTimeoutMs,
    );
    onAbort = () => reject(new InspectorError(ErrorCode.Cancelled, 'the capture was cancelled; nothing was written'));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  stopped.catch(() => undefined);
  try {
    return await Promise.race([work(), stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  }
}
