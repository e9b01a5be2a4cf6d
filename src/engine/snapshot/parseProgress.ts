import { CancelledError } from '../../protocol/rpc';

export interface ProgressOptions {
  onProgress?(bytesDone: number, bytesTotal: number): void;
  signal?: AbortSignal;
  checkpoint?(): Promise<void>;
}

/** Yield to the caller's event loop this often, so a cancel message can get in. */
const CHECKPOINT_BYTES = 4 * 1024 * 1024;

/**
 * Progress by bytes read, cancellation and checkpoints, all driven once per chunk. The total grows
 * when a section has to be read twice (it came before the header that explains it). A section
 * read by another thread (see EdgesSplit) is only skipped here: its bytes count as done when
 * that thread reports them, not as this one skips over them. Both counts are approximate (a chunk
 * counts when it arrives, and may hold bytes of both kinds), so what is shown never goes back and
 * the parse ends with `complete`.
 */
export class ParseProgress {
  private done = 0;
  private doneByHelper = 0;
  private shown = 0;
  private sinceCheckpoint = 0;
  /** False while skipping bytes another thread reads. */
  counting = true;

  constructor(
    private total: number,
    private readonly options: ProgressOptions,
  ) {}

  throwIfCancelled(): void {
    if (this.options.signal?.aborted) throw new CancelledError();
  }

  addToTotal(bytes: number): void {
    this.total += bytes;
  }

  /** The helper (see EdgesSplit) has read `bytes` of its section so far. */
  helperRead(bytes: number): void {
    this.doneByHelper = bytes;
    this.report();
  }

  /** All bytes are read (by either thread). */
  complete(): void {
    this.done = this.total;
    this.doneByHelper = 0;
    this.report();
  }

  /** `bytes` arrived; `progressBytes` of the total are done by it (a compressed file's bytes differ). */
  async chunk(bytes: number, progressBytes = bytes): Promise<void> {
    this.throwIfCancelled();
    if (this.counting) {
      this.done = Math.min(this.done + progressBytes, this.total);
      this.report();
    }
    this.sinceCheckpoint += bytes;
    if (this.sinceCheckpoint >= CHECKPOINT_BYTES && this.options.checkpoint) {
      this.sinceCheckpoint = 0;
      await this.options.checkpoint();
      this.throwIfCancelled();
    }
  }

  private report(): void {
    this.shown = Math.max(this.shown, Math.min(this.done + this.doneByHelper, this.total));
    this.options.onProgress?.(this.shown, this.total);
  }
}
