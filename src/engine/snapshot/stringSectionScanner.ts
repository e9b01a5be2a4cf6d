import { ChunkedStringTable, StringOffsets } from './chunkedStringTable';
import { sharedBuffer, sharedFloat64, sharedUint32 } from '../memory/sharedArrays';
import { isEscapeByte, isHexByte } from './decodeJsonStringBody';
import { describeByte, SnapshotParseError } from './snapshotParseError';
import { isJsonSpace } from './isJsonSpace';

// Where the scanner is inside `["a","b"]` (the opening '[' is consumed by the caller).
const FIRST = 0; // after '[': a string or ']'
const NEXT = 1; // after ',': a string
const STRING = 2;
const ESCAPE = 3; // after a backslash
const HEX = 4; // inside \uXXXX
const AFTER = 5; // after a string: ',' or ']'

/** Chunk size of the byte storage: far below Buffer's limits, small enough to waste little. */
export const STRING_CHUNK_BYTES = 16 * 1024 * 1024;

/**
 * Copies the `strings` section's string bodies, still escaped, into chunked byte storage and
 * records where each starts. Escapes are checked here so that decoding later cannot fail.
 */
export class StringSectionScanner {
  done = false;
  private state = FIRST;
  private hexLeft = 0;
  private readonly chunks: Buffer[] = [];
  private current: Uint8Array;
  /** Bytes used in `current`. */
  private used = 0;
  /** Offset of `current`'s first byte in the concatenated storage. */
  private currentBase = 0;
  /** Where each string starts in the storage: 32-bit when the section cannot reach 4 GB. */
  private offsets: StringOffsets;
  private count = 0;

  constructor(
    private readonly file: string,
    private readonly chunkSize = STRING_CHUNK_BYTES,
    /** The most bytes the section can hold (the file's size): offsets stay below it. */
    maxBytes = Number.MAX_SAFE_INTEGER,
  ) {
    this.offsets = maxBytes < 2 ** 32 ? sharedUint32(1024) : sharedFloat64(1024);
    this.current = this.newChunk();
    this.currentBase = 0;
  }

  feed(bytes: Uint8Array, pos: number, end: number, base: number): number {
    let i = pos;
    let state = this.state;
    let current = this.current;
    let used = this.used;
    const size = this.chunkSize;
    while (i < end) {
      if (state === STRING) {
        // The bulk of the section: plain bytes, copied until a quote or a backslash.
        for (; i < end; i++) {
          const c = bytes[i];
          if (c === 0x22 || c === 0x5c) break;
          if (used === size) {
            current = this.newChunk();
            used = 0;
          }
          current[used++] = c;
        }
        if (i === end) break;
        if (bytes[i] === 0x22) {
          state = AFTER;
          i++;
          continue;
        }
        // A backslash: escapes are kept as written and decoded on demand.
        state = ESCAPE;
        if (used === size) {
          current = this.newChunk();
          used = 0;
        }
        current[used++] = 0x5c;
        i++;
        continue;
      }
      const c = bytes[i];
      let keep = false;
      switch (state) {
        case FIRST:
        case NEXT:
          if (c === 0x22) {
            if (this.count + 1 >= this.offsets.length) this.growOffsets();
            this.offsets[this.count++] = this.currentBase + used;
            state = STRING;
          } else if (c === 0x5d && state === FIRST) {
            this.done = true;
          } else if (!isJsonSpace(c)) {
            this.fail(base + i, `unexpected ${describeByte(c)}, expected a string`);
          }
          break;
        case AFTER:
          if (c === 0x2c) state = NEXT;
          else if (c === 0x5d) this.done = true;
          else if (!isJsonSpace(c)) this.fail(base + i, `unexpected ${describeByte(c)}, expected ',' or ']'`);
          break;
        case ESCAPE:
          if (!isEscapeByte(c)) this.fail(base + i, `bad escape: backslash followed by ${describeByte(c)}`);
          state = c === 0x75 ? HEX : STRING;
          this.hexLeft = 4;
          keep = true;
          break;
        case HEX:
          if (!isHexByte(c)) this.fail(base + i, `bad \\u escape: ${describeByte(c)} is not a hex digit`);
          if (--this.hexLeft === 0) state = STRING;
          keep = true;
          break;
      }
      if (keep) {
        if (used === size) {
          current = this.newChunk();
          used = 0;
        }
        current[used++] = c;
      }
      i++;
      if (this.done) break;
    }
    this.state = state;
    this.current = current;
    this.used = used;
    return i;
  }

  /** The strings, once `done`. */
  table(): ChunkedStringTable {
    this.offsets[this.count] = this.currentBase + this.used;
    // A view, not a copy: the unused tail of the last doubling was never written, so costs no memory.
    const offsets = this.offsets.subarray(0, this.count + 1);
    return new ChunkedStringTable(this.count, this.chunks, this.chunkSize, offsets);
  }

  private newChunk(): Buffer {
    if (this.chunks.length > 0) this.currentBase += this.chunkSize;
    // Shared, so a graph thread can read names too (see sharedArrays). Zero-filled by the system
    // lazily: untouched pages cost no memory.
    const chunk = sharedBuffer(this.chunkSize);
    this.chunks.push(chunk);
    return chunk;
  }

  private growOffsets(): void {
    const length = this.offsets.length * 2;
    const bigger = this.offsets instanceof Uint32Array ? sharedUint32(length) : sharedFloat64(length);
    bigger.set(this.offsets);
    this.offsets = bigger;
  }

  private fail(position: number, detail: string): never {
    throw new SnapshotParseError(this.file, position, `${detail} in "strings"`);
  }
}
