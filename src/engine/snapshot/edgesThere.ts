import { CancelledError } from '../../protocol/rpc';
import { EdgeColumns } from './edgeSectionSink';
import { ParseProgress } from './parseProgress';
import { EdgesRequest, EdgesResult } from './readEdgeSection';
import { SnapshotLayout } from './snapshotLayout';

/**
 * Another thread to read an `edges` section (the engine's helper thread runs readEdgeSection).
 * `read` starts the reading, or returns null when there is nobody to take it; `signal` stops it,
 * `onProgress` gets the bytes of the section read so far. `limit`, if there, asks the reading of
 * that id (under way, or yet to start at `from`) to give the last `share` of what it has left
 * before `end` away (see EdgesStop.giveAway): the offset it will stop at the first record break
 * after, or null.
 */
export interface EdgesElsewhere {
  read(
    request: EdgesRequest,
    call: { readonly signal: AbortSignal; onProgress(bytesDone: number): void },
  ): Promise<EdgesResult> | null;
  limit?(readingId: number, take: TakeOver): Promise<number | null>;
}

export interface TakeOver {
  readonly from: number;
  readonly end: number;
  readonly share: number;
  readonly minBytes: number;
}

/**
 * The part of what the other thread has left that this one takes: a little under half, as this
 * one also seeks, and copies its edges into place.
 */
export const TAKE_OVER_SHARE = 0.45;

let lastReadingId = 0;

/** Below this many bytes left, taking over the end of the section costs more than it saves. */
const MIN_TAKE_OVER_BYTES = 4 * 1024 * 1024;

/**
 * One parse's hand-off of its edges: started when the parser meets the section, awaited once the
 * rest of the file is read, stopped when the parse ends any other way (or the caller cancels).
 */
export class EdgesThere {
  private readonly controller = new AbortController();
  private result: Promise<EdgesResult> | null = null;
  /** Where the section starts, once handed over. */
  private offset = -1;
  private readonly readingId = ++lastReadingId;
  private readonly onCancel = () => this.controller.abort();

  constructor(
    private readonly elsewhere: EdgesElsewhere,
    private readonly base: { readonly file: string; readonly fileSize: number; readonly chunkSize: number; readonly identity?: string },
    private readonly progress: ParseProgress,
    private readonly signal: AbortSignal | undefined,
    private readonly takeOverBytes = MIN_TAKE_OVER_BYTES,
  ) {
    signal?.addEventListener('abort', this.onCancel, { once: true });
  }

  /** Asks the other thread to read the section whose '[' is at `offset`; false if it cannot. */
  start(offset: number, layout: SnapshotLayout, columns: EdgeColumns): boolean {
    const result = this.elsewhere.read({ ...this.base, offset, layout, columns, readingId: this.readingId }, {
      signal: this.controller.signal,
      onProgress: (bytes) => this.progress.elsewhere(bytes),
    });
    if (!result) return false;
    this.offset = offset;
    // Awaited in finish(); until then a failure must not count as unhandled.
    result.catch(() => {});
    this.result = result;
    return true;
  }

  /**
   * Where this thread can take over the rest of the section (which ends at `end`) once it has read
   * everything else: the other thread gives away TAKE_OVER_SHARE of what it has left, so both
   * finish together. Null when that is too little, or the other thread is done.
   */
  async takeOver(end: number): Promise<number | null> {
    if (!this.elsewhere.limit || this.offset < 0) return null;
    return this.elsewhere.limit(this.readingId, { from: this.offset, end, share: TAKE_OVER_SHARE, minBytes: this.takeOverBytes });
  }

  async finish(): Promise<EdgesResult> {
    if (!this.result) throw new Error('unreachable: edges were not handed over');
    try {
      return await this.result;
    } catch (error) {
      if (this.signal?.aborted) throw new CancelledError();
      throw error;
    }
  }

  /** Ends the other thread's work if it is still going (a no-op once it is done). */
  stop(): void {
    this.signal?.removeEventListener('abort', this.onCancel);
    this.controller.abort();
  }
}
