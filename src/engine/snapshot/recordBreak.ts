/**
 * Where a V8 number array breaks between records. V8 writes each record of `nodes` and `edges`
 * on a line of its own that starts with the comma after the previous one ("\n,"), so the first
 * "\n," at or after a given byte is a record boundary both threads of a split reading can find on
 * their own and agree on (see EdgesSplit). Whether it really is one, the split reading checks: the
 * values before it must be whole records.
 *
 * Bytes are scanned in file order, window by window (any windowing gives the same answer).
 */
export class RecordBreak {
  /** File offset of the next byte to look at. */
  private next: number;
  private sawNewline = false;

  constructor(from: number) {
    this.next = from;
  }

  /**
   * Looks at bytes[..end) of a window whose first byte is at file offset `base`. Returns the file
   * offset just past the break's comma, BREAK_NONE if not found yet, or BREAK_CLOSED if the array
   * ends (']') first.
   */
  find(bytes: Uint8Array, end: number, base: number): number {
    let i = this.next - base;
    if (i < 0) throw new Error(`record break: window at ${base} starts past ${this.next}`);
    let newline = this.sawNewline;
    for (; i < end; i++) {
      const c = bytes[i];
      if (newline && c === 0x2c) return base + i + 1;
      if (c === 0x5d) return BREAK_CLOSED;
      newline = c === 0x0a;
    }
    this.sawNewline = newline;
    this.next = Math.max(this.next, base + end);
    return BREAK_NONE;
  }
}

export const BREAK_NONE = -1;
export const BREAK_CLOSED = -2;
