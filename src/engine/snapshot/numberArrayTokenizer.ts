import { describeByte, SnapshotParseError } from './snapshotParseError';

// Where the tokenizer is inside `[1,2,3]` (the opening '[' is consumed by the caller).
const FIRST = 0; // after '[': a number or ']'
const NEXT = 1; // after ',': a number
const NUMBER = 2; // inside a number
const AFTER = 3; // after a number: ',' or ']'

/** Longest run of digits accepted: beyond 15, doubles stop holding every integer exactly. */
const MAX_DIGITS = 15;
const BATCH = 1 << 15;

/**
 * Turns the bytes of a JSON array of non-negative integers into numbers, a batch at a time.
 * This is the parser's hot loop, so it does one thing: bytes in, numbers (and the file offset
 * where each began, for error messages) out into two reused Float64Arrays. The section's sink
 * then moves whole records from the batch into its columns in one tight loop of its own, so
 * there is no function call per number.
 */
export class NumberArrayTokenizer {
  done = false;
  /** values[0..count) are ready; the sink takes whole records and calls `consume`. */
  readonly values = new Float64Array(BATCH);
  readonly positions = new Float64Array(BATCH);
  count = 0;
  private state = FIRST;
  private value = 0;
  private digits = 0;
  private start = 0;

  constructor(
    private readonly file: string,
    private what: string,
  ) {}

  reset(what: string): void {
    this.what = what;
    this.done = false;
    this.count = 0;
    this.state = FIRST;
    this.value = 0;
    this.digits = 0;
  }

  /** Scans bytes[pos..end) until they run out, the batch fills or the array ends. */
  feed(bytes: Uint8Array, pos: number, end: number, base: number): number {
    const values = this.values;
    const positions = this.positions;
    let n = this.count;
    let state = this.state;
    let value = this.value;
    let digits = this.digits;
    let start = this.start;
    let i = pos;
    if (n === BATCH) return i;
    for (; i < end; i++) {
      const c = bytes[i];
      const d = c - 0x30;
      if (d >= 0 && d <= 9) {
        if (state === NUMBER) {
          value = value * 10 + d;
          digits++;
          continue;
        }
        if (state === AFTER) this.fail(base + i, `unexpected ${describeByte(c)}, expected ',' or ']'`);
        state = NUMBER;
        value = d;
        digits = 1;
        start = base + i;
        continue;
      }
      if (state === NUMBER) {
        if (digits > MAX_DIGITS) this.fail(start, `number of ${digits} digits`);
        values[n] = value;
        positions[n] = start;
        n++;
        state = AFTER;
        // Stop before `c`; the next feed takes it up in state AFTER.
        if (n === BATCH) break;
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
        this.fail(base + i, `unexpected ${describeByte(c)}`);
      }
    }
    this.count = n;
    this.state = state;
    this.value = value;
    this.digits = digits;
    this.start = start;
    return i;
  }

  /** Drops the first `taken` values (whole records a sink has stored), keeping the rest. */
  consume(taken: number): void {
    if (taken === 0) return;
    const rest = this.count - taken;
    if (rest > 0) {
      this.values.copyWithin(0, taken, this.count);
      this.positions.copyWithin(0, taken, this.count);
    }
    this.count = rest;
  }

  private fail(position: number, detail: string): never {
    throw new SnapshotParseError(this.file, position, `${detail} in ${this.what}`);
  }
}

/** What each section does with a batch of numbers: store whole records, return how many values it took. */
export interface NumberSink {
  take(values: Float64Array, positions: Float64Array, count: number): number;
  /** The array ended at `position`; complain if it held too few records or a partial one. */
  finish(position: number, leftover: number): void;
}
