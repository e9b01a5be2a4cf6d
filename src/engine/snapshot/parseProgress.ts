import { CancelledError } from '../../rpc/rpc';

export interface ProgressOptions {
  onProgress?(bytesDone: number, bytesTotal: number): void;
  signal?: AbortSignal;
  checkpoint?(): Promise<void>;
}

/** Yield to the caller's event loop this often, so a cancel message can get in. */
const CHECKPOINT_BYTES = 4 * 1024 * 1024;

/**
 * Progress by bytes read, cancellation and checkpoints, all driven once per chunk. The total grows
 * when a section has to be read twice (it came before the header that explains it).
 */
export class ParseProgress {
  private done = 0;
  private sinceCheckpoint = 0;

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

  async chunk(bytes: number): Promise<void> {
    this.throwIfCancelled();
    this.done = Math.min(this.done + bytes, this.total);
    this.options.onProgress?.(this.done, this.total);
    this.sinceCheckpoint += bytes;
    if (this.sinceCheckpoint >= CHECKPOINT_BYTES && this.options.checkpoint) {
      this.sinceCheckpoint = 0;
      await this.options.checkpoint();
      this.throwIfCancelled();
    }
  }
}
