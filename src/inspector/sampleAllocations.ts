import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AllocationSampling, DEFAULT_SAMPLING_INTERVAL } from './allocationSampling';
import { InspectorError } from './inspectorError';
import type { InspectorSession } from './inspectorSession';

export interface SampleOptions {
  /** How long to sample. */
  durationMs: number;
  /** Where the profile at the end goes (`.heapprofile`, 0600, whole or nothing). */
  file: string;
  /** Bytes between samples on average; V8's (and DevTools') default when absent. */
  samplingInterval?: number;
  /** Profiles read through the window, the last one included, so growth can be seen; at least 2. */
  steps?: number;
  signal?: AbortSignal;
  /** Called about once a second and at each step, with the time sampled so far. */
  onProgress?: (elapsedMs: number, durationMs: number) => void;
}

export interface SampleResult {
  file: string;
  bytes: number;
  startedAt: Date;
  durationMs: number;
  samplingInterval: number;
  /** The profiles in order, the last being `file`: the others sit in a private temporary folder `dispose` removes. */
  profiles: string[];
  dispose(): Promise<void>;
}

const DEFAULT_STEPS = 4;

/**
 * Sampling on demand, outside a series: V8's sampling heap profiler for `durationMs`, with no
 * snapshot and no pause. The live profile is read `steps` times through the window (so the engine
 * can tell the sites whose live bytes keep growing from those that only churn); the last one is
 * written to `file`. Cancel (`signal`) or a failure stops the profiler and leaves no file behind.
 */
export async function sampleAllocations(session: InspectorSession, options: SampleOptions): Promise<SampleResult> {
  if (!(options.durationMs > 0)) throw new RangeError(`durationMs must be positive, not ${options.durationMs}`);
  const steps = Math.max(2, Math.floor(options.steps ?? DEFAULT_STEPS));
  const samplingInterval = options.samplingInterval ?? DEFAULT_SAMPLING_INTERVAL;
  const dir = await mkdtemp(join(tmpdir(), 'heapscope-sample-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const sampling = new AllocationSampling(session, samplingInterval);
  const profiles: string[] = [];
  const startedAt = new Date();
  let bytes = 0;
  try {
    throwIfCancelled(options.signal);
    await sampling.start();
    const started = Date.now();
    for (let step = 1; step <= steps; step++) {
      await waitUntil(started + (options.durationMs * step) / steps, started, options);
      const last = step === steps;
      const file = last ? options.file : join(dir, `step-${step}.heapprofile`);
      bytes = await sampling.writeProfile(file);
      profiles.push(file);
    }
    options.onProgress?.(options.durationMs, options.durationMs);
  } catch (error) {
    await dispose();
    throw error;
  } finally {
    await sampling.stop();
  }
  return { file: options.file, bytes, startedAt, durationMs: Date.now() - startedAt.getTime(), samplingInterval, profiles, dispose };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InspectorError('ECANCELLED', 'the sampling was cancelled');
}

/** Sleeps until `at`, reporting progress each second; cancel rejects at once. */
function waitUntil(at: number, started: number, options: SampleOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const signal = options.signal;
    if (signal?.aborted) return reject(new InspectorError('ECANCELLED', 'the sampling was cancelled'));
    let timer: NodeJS.Timeout;
    const tick = () => {
      const now = Date.now();
      options.onProgress?.(Math.min(now - started, options.durationMs), options.durationMs);
      if (now >= at) {
        signal?.removeEventListener('abort', abort);
        resolve();
      } else timer = setTimeout(tick, Math.min(1000, at - now));
    };
    function abort() {
      clearTimeout(timer);
      reject(new InspectorError('ECANCELLED', 'the sampling was cancelled'));
    }
    signal?.addEventListener('abort', abort, { once: true });
    timer = setTimeout(tick, Math.min(1000, Math.max(0, at - Date.now())));
  });
}
