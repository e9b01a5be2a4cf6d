import { CancelledError } from '../../protocol/rpc';
import { EdgeSectionSink } from './edgeSectionSink';
import { ParseProgress } from './parseProgress';
import { EdgesRequest, EdgesResult } from './readEdgeSection';
import { EdgeTail, joinEdgeTail } from './readEdgeTail';
import { SnapshotLayout } from './snapshotLayout';

/**
 * Who reads the head of an `edges` section for the parser (the engine's helper thread runs
 * readEdgeSection). `start` starts the reading, or returns null when there is nobody to take it;
 * `signal` stops it, `onProgress` gets the bytes of the section read so far. `takeOver`, if there,
 * asks the reading of that id (under way, or yet to start at `from`) to leave the last `share`
 * of what it has left before `end` to the parser (see EdgesHead.takeOver): the offset it will
 * stop at the first record break after, or null.
 */
export interface EdgesHelper {
  start(
    request: EdgesRequest,
    call: { readonly signal: AbortSignal; onProgress(bytesDone: number): void },
  ): Promise<EdgesResult> | null;
  takeOver?(readingId: number, take: TakeOver): Promise<number | null>;
}

export interface TakeOver {
  readonly from: number;
  readonly end: number;
  readonly share: number;
  readonly minBytes: number;
}

/**
 * The part of what the helper has left that the parser takes over: a little under half, as the
 * parser also seeks, and copies its edges into place.
 */
export const TAKE_OVER_SHARE = 0.45;

let lastReadingId = 0;

/** Below this many bytes left, taking over the end of the section costs more than it saves. */
const MIN_TAKE_OVER_BYTES = 4 * 1024 * 1024;

/**
 * One parse's split reading of its `edges` section, in three steps: `start` when the parser meets
 * the section (a helper reads its head into the section's columns while the parser reads the
 * rest of the file), `takeOver` once the rest is read (the parser reads the tail, readEdgeTail),
 * `join` (the tail copied in after the head). `stop` ends the helper's reading when the parse
 * ends any other way (or the caller cancels).
 */
export class EdgesSplit {
  private readonly controller = new AbortController();
  private head: Promise<EdgesResult> | null = null;
  /** The section's columns, the head's reading writes them; once started. */
  private sink: EdgeSectionSink | null = null;
  /** Where the section starts, once started. */
  private offset = -1;
  private readonly readingId = ++lastReadingId;
  private readonly onCancel = () => this.controller.abort();

  constructor(
    private readonly helper: EdgesHelper,
    private readonly base: { readonly file: string; readonly fileSize: number; readonly chunkSize: number; readonly identity?: string },
    private readonly progress: ParseProgress,
    private readonly signal: AbortSignal | undefined,
    private readonly takeOverBytes = MIN_TAKE_OVER_BYTES,
  ) {
    signal?.addEventListener('abort', this.onCancel, { once: true });
  }

  /** Asks the helper to read the section whose '[' is at `offset`; false if it cannot. */
  start(offset: number, layout: SnapshotLayout): boolean {
    const sink = new EdgeSectionSink(layout, this.base.file);
    const head = this.helper.start({ ...this.base, offset, layout, columns: sink.columns, readingId: this.readingId }, {
      signal: this.controller.signal,
      onProgress: (bytes) => this.progress.helperRead(bytes),
    });
    if (!head) return false;
    this.offset = offset;
    this.sink = sink;
    // Awaited in join(); until then a failure must not count as unhandled.
    head.catch(() => {});
    this.head = head;
    return true;
  }

  /**
   * Where the parser can take over the rest of the section (which ends at `end`) once it has read
   * everything else: the helper leaves it TAKE_OVER_SHARE of what it has left, so both finish
   * together. Null when that is too little, or the helper is done.
   */
  async takeOver(end: number): Promise<number | null> {
    if (!this.helper.takeOver || this.offset < 0) return null;
    return this.helper.takeOver(this.readingId, { from: this.offset, end, share: TAKE_OVER_SHARE, minBytes: this.takeOverBytes });
  }

  /**
   * The whole section, once the head is read: the tail the parser read (null if it took none
   * over) joined after it (see joinEdgeTail, whose mismatches throw a plain Error).
   */
  async join(tail: EdgeTail | null, edgeCount: number, end: number): Promise<EdgeSectionSink> {
    const { head, sink } = this;
    if (!head || !sink) throw new Error('unreachable: the edges were not started elsewhere');
    let result: EdgesResult;
    try {
      result = await head;
    } catch (error) {
      if (this.signal?.aborted) throw new CancelledError();
      throw error;
    }
    const { edges, maxName, maxNameEdge } = joinEdgeTail(sink, result, tail, edgeCount, end);
    return Object.assign(sink, { edges, maxName, maxNameEdge });
  }

  /** Whether `start` handed the section over. */
  get started(): boolean {
    return this.head !== null;
  }

  /** Ends the helper's reading if it is still going (a no-op once it is done). */
  stop(): void {
    this.signal?.removeEventListener('abort', this.onCancel);
    this.controller.abort();
  }
}
