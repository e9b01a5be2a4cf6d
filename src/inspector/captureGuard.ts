import type { CaptureOptions, CaptureProgress } from './captureSnapshot';
import { InspectorError, isInspectorError } from './inspectorError';
import type { InspectorSession } from './inspectorSession';
import { exitsWithin } from './switchInspector';
import { ErrorCode } from '../protocol/errorCode';

/**
 * What watches one capture while the snapshot reaches the disk, for both ways it gets there
 * (streamSnapshot, targetFileSnapshot). The first failure latches: a cancel, a stall, the target
 * going away, a throwing progress callback, the disk; later ones are dropped, and `failed`
 * rejects with it. A closed connection waits half a second to tell an exit from a closed
 * inspector (`closeVerdict`), and an error that only says the connection closed is replaced by
 * that verdict (`explained`). Progress carries the bytes so far.
 */
export class CaptureGuard {
  bytesWritten = 0;
  failure: Error | undefined;
  /** Rejects with the first failure; never resolves. */
  readonly failed: Promise<never>;
  /** Resolves when the stall timeout fires. */
  readonly stalled: Promise<void>;
  private lastActivity = Date.now();
  private closeVerdict: Promise<Error> | undefined;
  private reject: (error: Error) => void = () => undefined;
  private fireStall: () => void = () => undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  private readonly onAbort = () => this.fail(new InspectorError(ErrorCode.Cancelled, 'the capture was cancelled; the partial file was removed'));

  /** `bytes`: what the target does with the snapshot, for messages ('received' over CDP, 'written' by itself). */
  constructor(
    private readonly session: InspectorSession,
    private readonly options: CaptureOptions,
    private readonly bytes: 'received' | 'written',
  ) {
    this.failed = new Promise<never>((_, reject) => (this.reject = reject));
    this.failed.catch(() => undefined);
    this.stalled = new Promise<void>((resolve) => (this.fireStall = resolve));
    this.unsubscribe = session.connection.onClose(() => {
      this.closeVerdict = exitsWithin(session.pid, 500).then(
        (exited) =>
          new InspectorError(
            ErrorCode.Exited,
            `pid ${session.pid} ${exited ? 'exited' : 'closed the inspector connection'} during the capture ` +
              `(${this.bytesWritten} bytes ${bytes}); the partial file was removed`,
          ),
      );
      void this.closeVerdict.then((e) => this.fail(e));
    });
    if (options.signal?.aborted) this.onAbort();
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  fail(error: Error): void {
    this.failure ??= error;
    this.reject(this.failure);
  }

  /** The target showed a sign of life: the stall clock starts again. */
  alive(): void {
    this.lastActivity = Date.now();
  }

  report(phase: Exclude<CaptureProgress['phase'], 'gc'>, done: number, total: number): void {
    try {
      this.options.onProgress?.({ phase, done, total, bytesWritten: this.bytesWritten });
    } catch (error) {
      // A throwing callback must not leave the session half-way through a snapshot.
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** `work`, unless a failure comes first. */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.failed]);
  }

  /** Checks for a stall every `periodMs` (after `tick`, which may find signs of life). */
  startWatchdog(periodMs: number, tick: () => void = () => undefined): void {
    const stallTimeoutMs = this.options.stallTimeoutMs ?? 60_000;
    this.watchdog = setInterval(() => {
      tick();
      if (Date.now() - this.lastActivity <= stallTimeoutMs) return;
      this.fireStall();
      this.fail(
        new InspectorError(
          ErrorCode.TimedOut,
          `${this.session.describe()} ${this.bytes === 'received' ? 'sent' : 'wrote'} nothing for ${Math.round(stallTimeoutMs / 1000)} s during the capture: ` +
            `its main thread seems blocked; the partial file was removed`,
        ),
      );
    }, Math.min(periodMs, stallTimeoutMs / 4));
  }

  /** The error to throw for `error`: a command cut off by the closing connection says why it closed instead. */
  async explained(error: unknown): Promise<unknown> {
    return isInspectorError(error, ErrorCode.Exited) && this.closeVerdict ? this.closeVerdict : error;
  }

  dispose(): void {
    clearInterval(this.watchdog);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.unsubscribe();
  }
}
