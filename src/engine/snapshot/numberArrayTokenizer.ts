import { describeByte, SnapshotParseError } from './snapshotParseError';
import { WideColumn } from './wideColumn';

// Where the tokenizer is inside `[1,2,3]` (the opening '[' is consumed by the caller).
const FIRST = 0; // after '[': a number or ']'
const NEXT = 1; // after ',': a number
const NUMBER = 2; // inside a number (only between chunks)
const AFTER = 3; // after a number: ',' or ']'

/**
 * Every value V8 writes in these arrays fits in 32 bits (object sizes too: V8 caps them far lower),
 * but for node positions in a snapshot of over 2^32 of them: see WideColumn.
 */
const MAX_VALUE = 0xffffffff;
const BATCH = 1 << 15;

/**
 * The most bytes to hand `feed` at once. Why: given a whole 4 MB read at a time, feed meets a
 * number cut by the end of its bytes once per read, so V8 optimises it before that path has run
 * and then throws the optimised code away at each of the first few read ends; each section's
 * first 16 MB ran at half speed (about 20 ms lost per section on each thread). Cut every 64 KB,
 * the path is warm before feed is optimised, and the extra calls cost nothing measurable.
 */
export const FEED_BYTES = 64 * 1024;

/**
 * Turns the bytes of a JSON array of unsigned 32-bit integers into numbers, a batch at a time.
 * This is the parser's hot loop, so it does one thing: bytes in, numbers out into a reused typed
 * array. The section's sink then moves whole records from the batch into its columns in a tight
 * loop of its own, so there is no function call per number.
 *
 * Where each number starts in the file is only needed for error messages, so it is not recorded
 * as the numbers are read: `positionOf` finds it on demand by walking back over the bytes of the
 * last `feed` (still in the window while the sink takes the batch). The few numbers a batch keeps
 * for the next one (the start of a record cut by the batch's end) have theirs found when `consume`
 * keeps them, before the window moves on.
 *
 * The common case, a number followed by a comma, runs in an inner loop with no state to switch on;
 * whitespace, the closing bracket, errors and numbers cut by a chunk boundary take the general
 * byte-at-a-time path.
 */
export class NumberArrayTokenizer {
  done = false;
  /** values[0..count) are ready; the sink takes whole records and calls `consume`. */
  readonly values = new Uint32Array(BATCH);
  count = 0;
  private state = FIRST;
  private value = 0;
  private start = 0;
  /** File offsets of values[0..settled): those read before the last `feed`. */
  private readonly positions = new Float64Array(BATCH);
  private settled = 0;
  // The last `feed`: its window and byte range, and the number it began inside of, if any.
  private lastBytes: Uint8Array = new Uint8Array(0);
  private lastBase = 0;
  private lastFrom = 0;
  private lastTo = 0;
  private lastBeganInNumber = false;
  private lastCarriedStart = 0;
  /** The column whose values may pass 2^32 (see WideColumn), or null: every value is 32-bit. */
  private wide: WideColumn | null = null;
  /** Where values[0] is in its record (0 unless a sink takes part of a record, as locateValue's). */
  private phase = 0;
  /** values[wideAt[0..wideCount)] are ordinals, read as positions past 2^32 (ascending; see WideColumn). */
  wideAt = new Uint32Array(64);
  wideCount = 0;

  constructor(
    private readonly file: string,
    private what: string,
  ) {}

  reset(what: string, wide: WideColumn | null = null): void {
    this.what = what;
    this.wide = wide;
    this.phase = 0;
    this.wideCount = 0;
    this.done = false;
    this.count = 0;
    this.state = FIRST;
    this.value = 0;
    this.settled = 0;
    this.lastBytes = new Uint8Array(0);
    this.lastFrom = this.lastTo = 0;
  }

  /** As `reset`, for an array read from the middle: just past a comma, where a number must come. */
  resetAfterComma(what: string, wide: WideColumn | null = null): void {
    this.reset(what, wide);
    this.state = NEXT;
  }

  /** Scans bytes[pos..end) until they run out, the batch fills or the array ends. */
  feed(bytes: Uint8Array, pos: number, end: number, base: number): number {
    // Values still unconsumed from an earlier feed: find where they start while its bytes are known.
    if (this.settled < this.count) this.settle(this.settled);
    this.settled = this.count;
    this.lastBytes = bytes;
    this.lastBase = base;
    this.lastFrom = pos;
    this.lastTo = pos;
    this.lastBeganInNumber = this.state === NUMBER;
    this.lastCarriedStart = this.start;
    const values = this.values;
    let n = this.count;
    let state = this.state;
    let i = pos;
    while (i < end && n < BATCH) {
      if (state === FIRST || state === NEXT) {
        // Fast path: number after number, each ended by a comma (or V8's newline and comma).
        while (i < end) {
          let d = (bytes[i] - 0x30) >>> 0;
          if (d > 9) break;
          const start = i;
          let value = d;
          i++;
          while (i < end) {
            d = (bytes[i] - 0x30) >>> 0;
            if (d > 9) break;
            value = value * 10 + d;
            i++;
          }
          if (i === end) {
            // Cut by the chunk boundary: the general path carries it over.
            this.value = value;
            this.start = base + start;
            state = NUMBER;
            break;
          }
          if (value > MAX_VALUE) value = this.wideValue(value, n, base + start, i - start);
          values[n] = value;
          n++;
          // V8 ends each record's line with "\n,": take that in stride too.
          const c = bytes[i];
          if (c === 0x2c) i++;
          else if (c === 0x0a && i + 1 < end && bytes[i + 1] === 0x2c) i += 2;
          else {
            state = AFTER;
            break;
          }
          if (n === BATCH) {
            state = NEXT;
            break;
          }
        }
        if (i === end || n === BATCH || state !== FIRST && state !== NEXT) continue;
      }
      // General path: one byte.
      const c = bytes[i];
      const d = c - 0x30;
      if (d >= 0 && d <= 9) {
        if (state === AFTER) this.fail(base + i, `unexpected ${describeByte(c)}, expected ',' or ']'`);
        // No bound while the digits come (a double only loses precision, then reaches Infinity):
        // the number is judged once whole, as on the fast path.
        if (state === NUMBER) this.value = this.value * 10 + d;
        else {
          this.value = d;
          this.start = base + i;
          state = NUMBER;
        }
        i++;
        continue;
      }
      if (state === NUMBER) {
        values[n] = this.value > MAX_VALUE ? this.wideValue(this.value, n, this.start, base + i - this.start) : this.value;
        n++;
        state = AFTER;
        continue;
      }
      if (c === 0x2c /* , */) {
        if (state !== AFTER) this.fail(base + i, `unexpected ',', expected a number`);
        state = NEXT;
      } else if (c === 0x5d /* ] */) {
        if (state === NEXT) this.fail(base + i, `unexpected ']', expected a number`);
        this.done = true;
        i++;
        break;
      } else if (c !== 0x0a && c !== 0x20 && c !== 0x0d && c !== 0x09) {
        this.fail(base + i, `unexpected ${describeByte(c)}${state === AFTER ? ", expected ',' or ']'" : ', expected a number'}`);
      }
      i++;
    }
    this.count = n;
    this.state = state;
    this.lastTo = i;
    return i;
  }

  /** Drops the first `taken` values (whole records a sink has stored), keeping the rest. */
  consume(taken: number): void {
    if (taken === 0) return;
    const rest = this.count - taken;
    if (rest > 0) {
      // The kept values are the batch's last few: walking back to them is cheap.
      this.settle(Math.max(taken, this.settled));
      this.values.copyWithin(0, taken, this.count);
      this.positions.copyWithin(0, taken, this.count);
    }
    if (this.wide !== null) this.consumeWide(taken);
    this.count = rest;
    this.settled = rest;
  }

  /** The file offset where values[j] (j < count) starts. */
  positionOf(j: number): number {
    if (j < this.settled) return this.positions[j];
    this.settle(j);
    return this.positions[j];
  }

  /**
   * Records where values[from..count) start (from >= settled: values the last feed read), walking
   * back from its end: each such value is one run of digits, with only separators between runs
   * (the bytes were checked on the way in). A run reaching back to where the feed began, or a value
   * with no digits there at all (ended by the feed's first byte), is the number the feed began
   * inside of, which started in an earlier window.
   */
  private settle(from: number): void {
    const bytes = this.lastBytes;
    const low = this.lastFrom;
    let p = this.lastTo;
    // A number still being read at the end is not a value yet: step over its digits.
    if (this.state === NUMBER) while (p > low && isDigit(bytes[p - 1])) p--;
    for (let v = this.count - 1; v >= from; v--) {
      while (p > low && !isDigit(bytes[p - 1])) p--;
      while (p > low && isDigit(bytes[p - 1])) p--;
      this.positions[v] = p === low && this.lastBeganInNumber ? this.lastCarriedStart : this.lastBase + p;
    }
  }

  /**
   * A value past 2^32 at values[n]: the ordinal of the node it is the position of, when it is in
   * the wide column (recorded in wideAt); otherwise, or if it is no node's start, an error at it.
   * Exact: every digit was added to a double, and positions stay far below 2^53.
   */
  private wideValue(value: number, n: number, position: number, digits: number): number {
    const wide = this.wide;
    if (wide === null || !this.inWideColumn(n) || value > wide.limit * 10) this.tooLarge(position, digits, n);
    if (value >= wide.limit) this.fail(position, `${wide.what} ${value} is beyond the last node (${wide.limit - wide.divisor})`);
    if (value % wide.divisor !== 0) this.fail(position, `${wide.what} ${value} is not a multiple of node_fields (${wide.divisor})`);
    if (this.wideCount === this.wideAt.length) {
      const grown = new Uint32Array(this.wideAt.length * 2);
      grown.set(this.wideAt);
      this.wideAt = grown;
    }
    this.wideAt[this.wideCount++] = n;
    return value / wide.divisor;
  }

  /** consume's part for the wide column: the record phase moves on, kept wide values move down. */
  private consumeWide(taken: number): void {
    this.phase = (this.phase + taken) % (this.wide as WideColumn).stride;
    const at = this.wideAt;
    let kept = 0;
    for (let w = 0; w < this.wideCount; w++) if (at[w] >= taken) at[kept++] = at[w] - taken;
    this.wideCount = kept;
  }

  private inWideColumn(n: number): boolean {
    return this.wide !== null && (this.phase + n) % this.wide.stride === this.wide.column;
  }

  /** A number too long for its column: values[n] would have held it. */
  private tooLarge(position: number, digits: number, n: number): never {
    const wide = this.wide;
    if (wide !== null && this.inWideColumn(n)) this.fail(position, `${wide.what} of ${digits} digits is beyond the last node (${wide.limit - wide.divisor})`);
    this.fail(position, `number of ${digits} digits is larger than 32 bits`);
  }

  private fail(position: number, detail: string): never {
    throw new SnapshotParseError(this.file, position, `${detail} in ${this.what}`);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Where a value of the batch starts in the file (for error messages), and which values are wide. */
export interface ValuePositions {
  positionOf(j: number): number;
  /** values[wideAt[0..wideCount)] are node ordinals read from positions past 2^32 (see WideColumn); 0 but for one. */
  readonly wideCount: number;
  readonly wideAt: Uint32Array;
}

/** What each section does with a batch of numbers: store whole records, return how many values it took. */
export interface NumberSink {
  /** The column whose values may pass 2^32 (see WideColumn); null for all others. */
  readonly wide?: WideColumn | null;
  take(values: Uint32Array, count: number, at: ValuePositions): number;
  /** The array ended at `position`; complain if it held too few records or a partial one. */
  finish(position: number, leftover: number): void;
}
