import { describeByte, SnapshotParseError } from './snapshotParseError';
import { isJsonSpace } from './isJsonSpace';

// States of the skipper. A value is skipped by structure alone (brackets, braces, strings) and never
// built, so a section of any size costs no memory; nesting is tracked in a fixed-size stack.
const VALUE = 0;
const ARRAY_START = 1;
const OBJECT_START = 2;
const OBJECT_KEY = 3;
const KEY_STRING = 4;
const COLON = 5;
const STRING = 6;
const STRING_ESCAPE = 7;
const KEY_ESCAPE = 8;
const SCALAR = 9;
const AFTER_VALUE = 10;

const IN_ARRAY = 1;
const IN_OBJECT = 2;
const MAX_DEPTH = 1024;

/** Letters, digits, sign, dot: what numbers and true/false/null are made of. */
function isScalarByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2d || c === 0x2b || c === 0x2e;
}

/**
 * Skips one JSON value fed to it chunk by chunk, optionally keeping its bytes (for the small
 * `snapshot` header, which is then JSON.parse'd). Checks structure, not every JSON rule: a skipped
 * section's content does not matter, only where it ends.
 */
export class JsonValueSkipper {
  done = false;
  private state = VALUE;
  private depth = 0;
  private readonly stack = new Uint8Array(MAX_DEPTH);
  private captured: Uint8Array[] | null = null;
  private capturedBytes = 0;

  constructor(
    private readonly file: string,
    private what = 'value',
    private captureLimit = 0,
  ) {}

  /** Starts a new value; `captureLimit` > 0 keeps up to that many bytes of it. */
  reset(what: string, captureLimit = 0): void {
    this.done = false;
    this.state = VALUE;
    this.depth = 0;
    this.what = what;
    this.captureLimit = captureLimit;
    this.captured = captureLimit > 0 ? [] : null;
    this.capturedBytes = 0;
  }

  /** The captured bytes of the finished value as text. */
  text(): string {
    return Buffer.concat(this.captured ?? []).toString('utf8');
  }

  /** Consumes bytes[pos..end); returns the position reached (where the value ended, if done). */
  feed(bytes: Uint8Array, pos: number, end: number, base: number): number {
    let i = pos;
    let state = this.state;
    let depth = this.depth;
    const stack = this.stack;
    for (; i < end; i++) {
      const c = bytes[i];
      switch (state) {
        case VALUE:
          if (isJsonSpace(c)) continue;
          if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
            if (depth === MAX_DEPTH) this.fail(base + i, `nesting deeper than ${MAX_DEPTH} levels`);
            stack[depth++] = c === 0x7b ? IN_OBJECT : IN_ARRAY;
            state = c === 0x7b ? OBJECT_START : ARRAY_START;
          } else if (c === 0x22 /* " */) state = STRING;
          else if (isScalarByte(c)) state = SCALAR;
          else this.fail(base + i, `unexpected ${describeByte(c)}`);
          continue;
        case ARRAY_START:
          if (isJsonSpace(c)) continue;
          if (c === 0x5d /* ] */) {
            depth--;
            state = AFTER_VALUE;
            if (depth === 0) { i++; break; }
            continue;
          }
          state = VALUE;
          i--;
          continue;
        case OBJECT_START:
        case OBJECT_KEY:
          if (isJsonSpace(c)) continue;
          if (c === 0x7d /* } */ && state === OBJECT_START) {
            depth--;
            state = AFTER_VALUE;
            if (depth === 0) { i++; break; }
            continue;
          }
          if (c !== 0x22) this.fail(base + i, `unexpected ${describeByte(c)}, expected a key`);
          state = KEY_STRING;
          continue;
        case KEY_STRING:
        case STRING:
          if (c === 0x5c /* \ */) state = state === STRING ? STRING_ESCAPE : KEY_ESCAPE;
          else if (c === 0x22) {
            state = state === STRING ? AFTER_VALUE : COLON;
            if (state === AFTER_VALUE && depth === 0) { i++; break; }
          }
          continue;
        case STRING_ESCAPE:
          state = STRING;
          continue;
        case KEY_ESCAPE:
          state = KEY_STRING;
          continue;
        case COLON:
          if (isJsonSpace(c)) continue;
          if (c !== 0x3a /* : */) this.fail(base + i, `unexpected ${describeByte(c)}, expected ':'`);
          state = VALUE;
          continue;
        case SCALAR:
          if (isScalarByte(c)) continue;
          state = AFTER_VALUE;
          if (depth === 0) break;
          i--;
          continue;
        case AFTER_VALUE:
          if (isJsonSpace(c)) continue;
          if (c === 0x2c /* , */) {
            state = stack[depth - 1] === IN_OBJECT ? OBJECT_KEY : VALUE;
            continue;
          }
          if ((c === 0x5d && stack[depth - 1] === IN_ARRAY) || (c === 0x7d && stack[depth - 1] === IN_OBJECT)) {
            depth--;
            if (depth === 0) { i++; break; }
            continue;
          }
          this.fail(base + i, `unexpected ${describeByte(c)}`);
      }
      break;
    }
    // Leaving the loop by `break` (not by running out of bytes) means the value is complete.
    if (i < end || (state === AFTER_VALUE && depth === 0)) this.done = true;
    this.state = state;
    this.depth = depth;
    if (this.captured) {
      this.capturedBytes += i - pos;
      if (this.capturedBytes > this.captureLimit) this.fail(base + i, `larger than ${this.captureLimit} bytes`);
      this.captured.push(bytes.slice(pos, i));
    }
    return i;
  }

  private fail(position: number, detail: string): never {
    throw new SnapshotParseError(this.file, position, `${detail} in ${this.what}`);
  }
}
