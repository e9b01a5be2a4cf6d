import { existsSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import type { InspectorSession } from './inspectorSession';
import { partialFilePath } from './captureLeftovers';

/**
 * V8's default sampling interval (bytes between samples on average, Poisson-distributed), as
 * DevTools' "Allocation sampling" uses it. bench/samplingOverhead.bench.ts and bench/samplingCost.bench.ts measure what it costs.
 */
export const DEFAULT_SAMPLING_INTERVAL = 32768;

/** `X.heapsnapshot` → `X.heapprofile`: the allocation profile taken right after that snapshot. */
export function profilePathFor(snapshotFile: string): string {
  return `${snapshotFile.replace(/\.heapsnapshot$/, '')}.heapprofile`;
}

/**
 * The `.heapprofile` written beside each snapshot by `capture --allocation-sites`, parallel to the
 * files, or undefined when none of them has one (the engine then skips the allocation step).
 */
export function profilesBeside(files: readonly string[]): (string | null)[] | undefined {
  const found = files.map((f) => (existsSync(profilePathFor(f)) ? profilePathFor(f) : null));
  return found.some((f) => f !== null) ? found : undefined;
}

/**
 * V8's sampling heap profiler on the attached target: it records a stack for one allocation every
 * `samplingInterval` bytes on average and forgets the sample when the object is collected, so each
 * profile read is the live sampled bytes per allocation stack at that moment, with no snapshot pause.
 */
export class AllocationSampling {
  private started = false;

  constructor(
    private readonly session: InspectorSession,
    private readonly samplingInterval = DEFAULT_SAMPLING_INTERVAL,
  ) {}

  async start(): Promise<void> {
    await this.session.ensureHeapProfiler();
    await this.session.connection.send('HeapProfiler.startSampling', { samplingInterval: this.samplingInterval });
    this.started = true;
  }

  /**
   * Writes the live sampled allocations now to `file` (DevTools opens it as a `.heapprofile`),
   * private to the user, written whole or not at all. Returns the bytes written.
   */
  async writeProfile(file: string): Promise<number> {
    const { profile } = await this.session.connection.send('HeapProfiler.getSamplingProfile', undefined, { timeoutMs: 60_000 });
    const text = JSON.stringify(profile);
    const partial = partialFilePath(file);
    try {
      await writeFile(partial, text, { flag: 'wx', mode: 0o600 });
      await rename(partial, file);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      throw error;
    }
    return Buffer.byteLength(text);
  }

  /** Stops sampling; harmless when the session is gone (V8 stops it when the session ends). */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.session.detached || this.session.connection.closed) return;
    await this.session.connection.send('HeapProfiler.stopSampling', undefined, { timeoutMs: 10_000 }).catch(() => undefined);
  }
}
