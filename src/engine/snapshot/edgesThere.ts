import { CancelledError } from '../../rpc/rpc';
import { EdgeColumns } from './edgeSectionSink';
import { ParseProgress } from './parseProgress';
import { EdgesRequest, EdgesResult } from './readEdgeSection';
import { SnapshotLayout } from './snapshotLayout';

/**
 * Hands an `edges` section to another thread (the engine's helper thread runs readEdgeSection),
 * or returns null when there is none to take it. `signal` stops that thread's work; `onProgress`
 * gets the bytes of the section it has read so far.
 */
export type EdgesElsewhere = (
  request: EdgesRequest,
  call: { readonly signal: AbortSignal; onProgress(bytesDone: number): void },
) => Promise<EdgesResult> | null;

/**
 * One parse's hand-off of its edges: started when the parser meets the section, awaited once the
 * rest of the file is read, stopped when the parse ends any other way (or the caller cancels).
 */
export class EdgesThere {
  private readonly controller = new AbortController();
  private result: Promise<EdgesResult> | null = null;
  private readonly onCancel = () => this.controller.abort();

  constructor(
    private readonly elsewhere: EdgesElsewhere,
    private readonly base: { readonly file: string; readonly fileSize: number; readonly chunkSize: number },
    private readonly progress: ParseProgress,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onCancel, { once: true });
  }

  /** Asks the other thread to read the section whose '[' is at `offset`; false if it cannot. */
  start(offset: number, layout: SnapshotLayout, columns: EdgeColumns): boolean {
    const result = this.elsewhere({ ...this.base, offset, layout, columns }, {
      signal: this.controller.signal,
      onProgress: (bytes) => this.progress.elsewhere(bytes),
    });
    if (!result) return false;
    // Awaited in finish(); until then a failure must not count as unhandled.
    result.catch(() => {});
    this.result = result;
    return true;
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
