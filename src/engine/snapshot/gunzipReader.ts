import { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Gunzip, constants, createGunzip } from 'node:zlib';
import { PositionalReader } from './byteCursor';
import { SnapshotParseError } from './snapshotParseError';

/** Deflate cannot expand data by more than about 1032:1 (RFC 1951: 258 bytes per 2-bit code at best). */
export const MAX_GZIP_RATIO = 1032;

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
/** Inflated bytes per chunk the stream hands over; with the file stream's buffer, all it holds. */
const INFLATE_CHUNK = 256 * 1024;
const FILE_CHUNK = 1024 * 1024;

/** Whether a file starts with gzip's magic bytes, whatever its name. */
export async function isGzip(handle: FileHandle): Promise<boolean> {
  const head = new Uint8Array(2);
  const { bytesRead } = await handle.read(head, 0, 2, 0);
  return bytesRead === 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
}

/**
 * The decompressed bytes of a gzip file, read by position as if they were a file (ByteCursor's
 * PositionalReader), but streamed: at most a few MB are held at once, however large the file
 * (zlib's window, one inflated chunk, the file stream's buffer). Reads are expected in order;
 * a read further on inflates and drops what lies between, a read further back starts inflating
 * again from the file's start — correct for the parser's rare second readings (a section before
 * the header that explains it; the byte of an out-of-range index), and costly only then.
 *
 * zlib inflates on libuv's thread pool, so on two cores decompression overlaps the parse.
 * Concatenated gzip members are read as one stream (as gunzip does). Errors are SnapshotParseError
 * at the position in the decompressed stream where the bad data begins, saying it was gzip.
 */
export class GunzipReader implements PositionalReader {
  /** Decompressed bytes handed out or dropped so far. */
  private position = 0;
  private leftover: Buffer | null = null;
  private leftoverStart = 0;
  private stream: { file: Readable; gunzip: Gunzip; chunks: AsyncIterator<Buffer> } | null = null;
  private ended = false;
  /** Where the decompressed stream ends, once reached. */
  endsAt: number | null = null;

  constructor(
    /** Read through this handle, never by path again: the path may name a newer file by then. */
    private readonly handle: FileHandle,
    /** How the file is named in errors: says it was decompressed. */
    private readonly label: string,
  ) {}

  /** Compressed bytes inflated so far (for progress against the file's size). */
  get compressedRead(): number {
    return this.stream?.gunzip.bytesWritten ?? 0;
  }

  async read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    if (position < this.position) this.restart();
    let skip = position - this.position;
    let filled = 0;
    while (filled < length) {
      const chunk = await this.next();
      if (!chunk) break;
      let start = 0;
      if (skip > 0) {
        const dropped = Math.min(skip, chunk.length);
        skip -= dropped;
        this.position += dropped;
        start = dropped;
        if (start === chunk.length) continue;
      }
      const n = Math.min(length - filled, chunk.length - start);
      buffer.set(chunk.subarray(start, start + n), offset + filled);
      filled += n;
      this.position += n;
      if (start + n < chunk.length) {
        this.leftover = chunk;
        this.leftoverStart = start + n;
      }
    }
    return { bytesRead: filled };
  }

  close(): void {
    this.stream?.file.destroy();
    this.stream?.gunzip.destroy();
    this.stream = null;
  }

  private restart(): void {
    this.close();
    this.position = 0;
    this.leftover = null;
    this.ended = false;
  }

  /** The next inflated bytes (leftover first), or null at the end of the stream. */
  private async next(): Promise<Buffer | null> {
    if (this.leftover) {
      const rest = this.leftover.subarray(this.leftoverStart);
      this.leftover = null;
      return rest;
    }
    if (this.ended) return null;
    if (!this.stream) {
      // Not fs.createReadStream: destroying it (on a second reading) would close the handle.
      const file = Readable.from(compressedChunks(this.handle), { objectMode: false, highWaterMark: FILE_CHUNK });
      const gunzip = createGunzip({ chunkSize: INFLATE_CHUNK });
      // Without this, an error in the file stream would leave gunzip waiting for more input.
      file.on('error', (error) => gunzip.destroy(error));
      file.pipe(gunzip);
      this.stream = { file, gunzip, chunks: gunzip[Symbol.asyncIterator]() };
    }
    let result: IteratorResult<Buffer>;
    try {
      result = await this.stream.chunks.next();
    } catch (error) {
      this.close();
      this.ended = true;
      throw new SnapshotParseError(this.label, this.position, describeGzipFailure(error));
    }
    if (result.done) {
      this.ended = true;
      this.endsAt = this.position;
      return null;
    }
    return result.value;
  }
}

async function* compressedChunks(handle: FileHandle): AsyncGenerator<Buffer> {
  for (let position = 0; ; ) {
    const buffer = Buffer.allocUnsafe(FILE_CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, FILE_CHUNK, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

function describeGzipFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.errno === constants.Z_BUF_ERROR || /unexpected end of file/.test(e.message ?? '')) {
    return 'the gzip stream ends early (truncated .gz file): unexpected end of file';
  }
  if (typeof e.syscall === 'string') return `cannot read: ${e.message}`;
  return `not valid gzip data: ${e.message ?? String(error)}`;
}
