import { decodeJsonStringBody } from './decodeJsonStringBody';
import { StringTable } from './parsedSnapshot';

/** String start offsets in the storage: 32-bit unless the strings section may pass 4 GB. */
export type StringOffsets = Uint32Array | Float64Array;

export interface StringTableParts {
  readonly count: number;
  readonly chunks: readonly Uint8Array[];
  readonly chunkSize: number;
  readonly offsets: StringOffsets;
}

/** Direct-mapped cache of decoded strings: names repeat (every Object, every "map"), decoding is not free. */
const CACHE_SLOTS = 4096;

/**
 * The `strings` section as raw bytes (still JSON-escaped) in fixed-size chunks, with where each
 * string starts. A string is decoded only when asked for, so a snapshot whose strings section is
 * larger than V8's maximum string length (~512 MB) loads, and one that is never shown costs only
 * its bytes. Offsets are doubles where the section may exceed 4 GB (a file that large), else 32-bit. String i is the bytes from
 * offsets[i] to offsets[i + 1] of the concatenated chunks; it may span chunks.
 */
export class ChunkedStringTable implements StringTable {
  private readonly cacheIndex = new Int32Array(CACHE_SLOTS).fill(-1);
  private readonly cacheValue: string[] = new Array<string>(CACHE_SLOTS).fill('');

  constructor(
    readonly count: number,
    private readonly chunks: readonly Buffer[],
    private readonly chunkSize: number,
    private readonly offsets: StringOffsets,
  ) {}

  /** What another thread needs to read the same strings (see fromParts); shared chunks are not copied. */
  parts(): StringTableParts {
    return { count: this.count, chunks: this.chunks, chunkSize: this.chunkSize, offsets: this.offsets };
  }

  static fromParts(parts: StringTableParts): ChunkedStringTable {
    // Posted to a thread, a Buffer arrives as a plain Uint8Array over the same memory.
    const chunks = parts.chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength));
    return new ChunkedStringTable(parts.count, chunks, parts.chunkSize, parts.offsets);
  }

  get(index: number): string {
    if (!(index >= 0 && index < this.count && Number.isInteger(index))) {
      throw new RangeError(`string ${index} out of range (${this.count} strings)`);
    }
    const slot = index & (CACHE_SLOTS - 1);
    if (this.cacheIndex[slot] === index) return this.cacheValue[slot];
    const value = this.decode(index);
    this.cacheIndex[slot] = index;
    this.cacheValue[slot] = value;
    return value;
  }

  /**
   * The escaped byte length: never less than the decoded length, as every UTF-16 unit comes
   * from at least one byte (a UTF-8 sequence or an escape is longer than the units it yields).
   */
  maxLength(index: number): number {
    return this.offsets[index + 1] - this.offsets[index];
  }

  /** Bytes held, for memory accounting. */
  get byteLength(): number {
    return this.offsets[this.count];
  }

  private decode(index: number): string {
    const start = this.offsets[index];
    const end = this.offsets[index + 1];
    const size = this.chunkSize;
    const chunk = Math.floor(start / size);
    const from = start - chunk * size;
    if (from + (end - start) <= size) return decodeJsonStringBody(this.chunks[chunk], from, from + (end - start));
    // Spans chunks: gather it (only strings longer than a chunk's remainder get here).
    const joined = Buffer.allocUnsafe(end - start);
    let copied = 0;
    for (let c = chunk, at = from; copied < joined.length; c++, at = 0) {
      const take = Math.min(size - at, joined.length - copied);
      this.chunks[c].copy(joined, copied, at, at + take);
      copied += take;
    }
    return decodeJsonStringBody(joined, 0, joined.length);
  }
}
