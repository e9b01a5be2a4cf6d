/** What the cursor reads from: a FileHandle, or a stream that acts like one (GunzipReader). */
export interface PositionalReader {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** Where the data ends, if that is known only on reaching it (a stream); else `size`. */
  readonly endsAt?: number | null;
}

/**
 * A window onto the file: `bytes[pos..end)` are the unread bytes of the current chunk, which
 * starts at file offset `base`. Scanners consume from the window synchronously; when it is empty
 * the caller awaits `fill()` for the next chunk.
 *
 * Two buffers are reused for the whole parse: while the scanners work on one, the next block is
 * already being read into the other (the read runs on libuv's thread pool, so on a 2-core machine
 * I/O overlaps parsing instead of adding to it). Reads are never smaller than MIN_READ: a chunk
 * smaller than that (tests use 1 byte, to split every token) is a window moved along the block.
 */
const MIN_READ = 64 * 1024;

export class ByteCursor {
  bytes: Uint8Array;
  pos = 0;
  end = 0;
  base = 0;
  private spare: Uint8Array;
  /** File offset of the next chunk to read. */
  private nextOffset = 0;
  /** A read into `spare` in flight, resolving to the bytes read. */
  private pending: Promise<number> | null = null;
  /** Bytes of `bytes` filled by the last read; the window ends at or before it. */
  private blockEnd = 0;
  private readonly chunkSize: number;

  constructor(
    private readonly handle: PositionalReader,
    /** The file's size; for a stream, a bound on it. */
    readonly size: number,
    chunkSize: number,
    /** Called after each chunk arrives, with its length; may throw to stop the parse. */
    private readonly onChunk: (chunkBytes: number) => Promise<void> | void,
  ) {
    this.chunkSize = Math.max(1, chunkSize);
    const length = Math.max(1, Math.min(Math.max(chunkSize, MIN_READ), size || 1));
    this.bytes = new Uint8Array(length);
    this.spare = new Uint8Array(length);
  }

  /** File offset of the next unread byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Where the data ends: the file size, or for a stream the offset its end was reached at. */
  get endOffset(): number {
    return this.handle.endsAt ?? this.size;
  }

  /** Loads the next chunk once the window is used up; false at the end of the file. */
  async fill(): Promise<boolean> {
    if (this.pos < this.end) return true;
    if (this.end < this.blockEnd) {
      this.end = Math.min(this.end + this.chunkSize, this.blockEnd);
      await this.onChunk(this.end - this.pos);
      return true;
    }
    let read: number;
    if (this.pending) {
      read = await this.pending;
      this.pending = null;
    } else {
      if (this.nextOffset >= this.size) return false;
      read = await this.readInto(this.spare, this.nextOffset);
    }
    if (read === 0) return false;
    const done = this.bytes;
    this.bytes = this.spare;
    this.spare = done;
    this.base = this.nextOffset;
    this.pos = 0;
    this.blockEnd = read;
    this.end = Math.min(read, this.chunkSize);
    this.nextOffset += read;
    if (this.nextOffset < this.size) this.pending = this.readInto(this.spare, this.nextOffset);
    await this.onChunk(this.end);
    return true;
  }

  /** Moves to a file offset (for sections read out of order); the window becomes empty. */
  async seek(offset: number): Promise<void> {
    await this.settle();
    this.nextOffset = offset;
    this.base = offset;
    this.pos = 0;
    this.end = 0;
    this.blockEnd = 0;
  }

  /** Waits for any read in flight, so its buffer and the file handle can be let go. */
  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (pending) await pending.catch(() => 0);
  }

  private readInto(target: Uint8Array, offset: number): Promise<number> {
    const length = Math.min(target.length, this.size - offset);
    const read = this.handle.read(target, 0, length, offset).then((r) => r.bytesRead);
    // A failed prefetch is reported when awaited; until then it must not count as unhandled.
    read.catch(() => undefined);
    return read;
  }
}
