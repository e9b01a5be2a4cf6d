import { InspectorError } from './inspectorError';
import type { InspectorSession } from './inspectorSession';
import { ErrorCode } from '../protocol/errorCode';
import type { MemoryUsage } from '../protocol/liveContent';

/** One reading of the target's `process.memoryUsage()`, plus its garbage collections since the last. */
export interface MemorySample extends MemoryUsage {
  /** Epoch milliseconds, taken by heapscope when the answer arrived. */
  time: number;
  /** Collections and their summed pause since the previous sample; null when the target cannot report them. */
  gc: { count: number; durationMs: number } | null;
}

/**
 * Why an evaluate and not a lighter CDP call: `Runtime.getHeapUsage` gives only the JS heap's used
 * and total size (no external, arrayBuffers or RSS), and no CDP domain reports collections on Node
 * (HeapProfiler has no GC event; NodeTracing's `v8.gc` category is a trace stream far heavier than a
 * counter). So one `Runtime.evaluate` reads `process.memoryUsage()` and the counters of a
 * `PerformanceObserver` for `gc` entries, a global on Node 16 and later, installed in the target on
 * the first sample and removed by `stopSampling`. The observer is held under a registered symbol,
 * never enumerable, with a count of the watchers using it so that two heapscope sessions share one.
 */
function sampleExpression(join: boolean): string {
  return `(() => {
  const key = Symbol.for('heapscope.memoryWatch');
  let state = globalThis[key];
  if (!state) {
    state = { count: 0, ms: 0, users: 0, observer: null };
    try {
      state.observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) { state.count++; state.ms += entry.duration; }
      });
      state.observer.observe({ entryTypes: ['gc'] });
    } catch { state.observer = null; }
    Object.defineProperty(globalThis, key, { value: state, configurable: true, enumerable: false, writable: false });
  }
  ${join ? 'state.users++;' : ''}
  const m = process.memoryUsage();
  return [m.heapUsed, m.heapTotal, m.external, m.arrayBuffers, m.rss, state.observer ? state.count : -1, state.observer ? state.ms : -1];
})()`;
}

const STOP_EXPRESSION = `(() => {
  const key = Symbol.for('heapscope.memoryWatch');
  const state = globalThis[key];
  if (!state) return 0;
  state.users--;
  if (state.users <= 0) { if (state.observer) state.observer.disconnect(); delete globalThis[key]; }
  return 1;
})()`;

export interface SamplerOptions {
  /** Milliseconds between samples. Default 1000. */
  intervalMs?: number;
  /** One sample must answer within this. Default 5000 ms; a slower one is skipped, not fatal. */
  sampleTimeoutMs?: number;
  onSample: (sample: MemorySample) => void;
  /** A sample that failed (timed out, target busy); sampling goes on. */
  onMissed?: (error: Error) => void;
  /** The connection closed: sampling has stopped. */
  onClosed?: () => void;
}

/**
 * Samples the attached target about once a second. Samples never overlap: the next is scheduled
 * when the previous one has answered, so a busy target (in a snapshot, a long synchronous task)
 * gets no queue of evaluations. `pause()` while heapscope captures through the same session.
 */
export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private paused = false;
  private joined = false;
  private lastGc: { count: number; ms: number } | null = null;
  private inFlight: Promise<void> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly session: InspectorSession,
    private readonly options: SamplerOptions,
  ) {
    this.unsubscribe = session.connection.onClose(() => {
      this.running = false;
      clearTimeout(this.timer);
      options.onClosed?.();
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops sampling until resume() (e.g. while a snapshot is taken through the same session). */
  pause(): void {
    this.paused = true;
    clearTimeout(this.timer);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    // A snapshot's own collections are not the program's: start counting afresh.
    this.lastGc = null;
    if (this.running) this.schedule(0);
  }

  /** One sample now (also used by tests). */
  async sampleOnce(): Promise<MemorySample> {
    const { result, exceptionDetails } = await this.session.connection.send(
      'Runtime.evaluate',
      { expression: sampleExpression(!this.joined), returnByValue: true, silent: true },
      { timeoutMs: this.options.sampleTimeoutMs ?? 5000 },
    );
    const value: unknown = result.value;
    if (exceptionDetails || !Array.isArray(value) || value.length !== 7 || !value.every((v) => typeof v === 'number')) {
      throw new InspectorError(ErrorCode.Cdp, `${this.session.describe()} did not return process.memoryUsage() (Runtime.evaluate)`);
    }
    this.joined = true;
    const [heapUsed, heapTotal, external, arrayBuffers, rss, gcCount, gcMs] = value as number[];
    let gc: MemorySample['gc'] = null;
    if (gcCount >= 0) {
      if (this.lastGc) gc = { count: gcCount - this.lastGc.count, durationMs: gcMs - this.lastGc.ms };
      else gc = { count: 0, durationMs: 0 };
      this.lastGc = { count: gcCount, ms: gcMs };
    }
    return { time: Date.now(), heapUsed, heapTotal, external, arrayBuffers, rss, gc };
  }

  /**
   * Stops sampling and removes the target's GC observer (when this was its last watcher). The
   * session stays attached; detach it as usual.
   */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.unsubscribe();
    await this.inFlight;
    if (this.joined && !this.session.connection.closed && !this.session.detached) {
      this.joined = false;
      await this.session.connection
        .send('Runtime.evaluate', { expression: STOP_EXPRESSION, returnByValue: true, silent: true }, { timeoutMs: 2000 })
        .catch(() => undefined);
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    if (!this.running || this.paused) return;
    const started = Date.now();
    this.inFlight = this.sampleOnce().then(
      (sample) => {
        if (this.running && !this.paused) this.options.onSample(sample);
      },
      (error: unknown) => {
        if (this.running && !this.paused) this.options.onMissed?.(error instanceof Error ? error : new Error(String(error)));
      },
    );
    void this.inFlight.then(() => {
      if (this.running && !this.paused) this.schedule(Math.max(0, (this.options.intervalMs ?? 1000) - (Date.now() - started)));
    });
  }
}
