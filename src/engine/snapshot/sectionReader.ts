import { ByteCursor } from './byteCursor';
import { JsonValueSkipper } from './jsonValueSkipper';
import { FEED_BYTES, NumberArrayTokenizer, NumberSink } from './numberArrayTokenizer';
import { describeByte, SnapshotParseError } from './snapshotParseError';
import { StringSectionScanner } from './stringSectionScanner';

/** A chunk-fed state machine: consumes bytes[pos..end), returns where it stopped, sets `done`. */
interface ByteMachine {
  readonly done: boolean;
  feed(bytes: Uint8Array, pos: number, end: number, base: number): number;
}

/**
 * Drives the chunk-fed scanners over the file and reads the few tokens between sections.
 * The scanners are synchronous; only refilling the window awaits.
 */
export class SectionReader {
  constructor(
    private readonly cursor: ByteCursor,
    private readonly file: string,
  ) {}

  /** The next non-whitespace byte, not consumed; -1 at the end of the file. */
  async peek(): Promise<number> {
    const cursor = this.cursor;
    for (;;) {
      while (cursor.pos < cursor.end) {
        const c = cursor.bytes[cursor.pos];
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
        cursor.pos++;
      }
      if (!(await cursor.fill())) return -1;
    }
  }

  /** Consumes the next non-whitespace byte, which must be `expected`. */
  async expect(expected: number, where: string): Promise<void> {
    const c = await this.peek();
    if (c !== expected) this.unexpected(c, `expected '${String.fromCharCode(expected)}' ${where}`);
    this.cursor.pos++;
  }

  /** Reads a key (after its opening quote). Long or escaped keys come back as null: we know none. */
  async key(): Promise<string | null> {
    const cursor = this.cursor;
    let name: number[] | null = [];
    for (;;) {
      while (cursor.pos < cursor.end) {
        const c = cursor.bytes[cursor.pos++];
        if (c === 0x22) return name && String.fromCharCode(...name);
        if (c === 0x5c) {
          name = null;
          if (!(await this.skipEscaped())) break;
          continue;
        }
        if (name) {
          name.push(c);
          if (name.length > 64) name = null;
        }
      }
      if (!(await cursor.fill())) this.endOfFile('in a key');
    }
  }

  async run(machine: ByteMachine, where: string): Promise<void> {
    const cursor = this.cursor;
    for (;;) {
      cursor.pos = machine.feed(cursor.bytes, cursor.pos, cursor.end, cursor.base);
      if (machine.done) return;
      if (!(await cursor.fill())) this.endOfFile(`in ${where}`);
    }
  }

  async skip(skipper: JsonValueSkipper, where: string): Promise<void> {
    skipper.reset(where);
    await this.run(skipper, where);
  }

  /** Reads `[n,n,...]` into a sink: the tokenizer fills a batch, the sink takes whole records. */
  async numbers(tokenizer: NumberArrayTokenizer, sink: NumberSink, section: string): Promise<void> {
    const where = `"${section}"`;
    await this.expect(0x5b, `to start ${where}`);
    tokenizer.reset(where, sink.wide ?? null);
    await this.numbersToEnd(tokenizer, sink, where);
    sink.finish(this.cursor.offset - 1, tokenizer.count);
  }

  /**
   * Feeds the tokenizer from the cursor and the sink from the tokenizer until the array's ']'
   * (the tokenizer already reset, at the start or in the middle of the array).
   */
  async numbersToEnd(tokenizer: NumberArrayTokenizer, sink: NumberSink, where: string): Promise<void> {
    const cursor = this.cursor;
    for (;;) {
      cursor.pos = tokenizer.feed(cursor.bytes, cursor.pos, Math.min(cursor.end, cursor.pos + FEED_BYTES), cursor.base);
      tokenizer.consume(sink.take(tokenizer.values, tokenizer.count, tokenizer));
      if (tokenizer.done) return;
      if (cursor.pos === cursor.end && !(await cursor.fill())) this.endOfFile(`in ${where}`);
    }
  }

  async strings(scanner: StringSectionScanner): Promise<void> {
    await this.expect(0x5b, 'to start "strings"');
    await this.run(scanner, '"strings"');
  }

  unexpected(c: number, detail: string): never {
    if (c < 0) this.endOfFile(detail);
    throw new SnapshotParseError(this.file, this.cursor.offset, `unexpected ${describeByte(c)}, ${detail}`);
  }

  endOfFile(where: string): never {
    throw new SnapshotParseError(this.file, this.cursor.endOffset, `unexpected end of file ${where}`);
  }

  /** Skips the byte after a backslash in a key; false at the end of the file. */
  private async skipEscaped(): Promise<boolean> {
    const cursor = this.cursor;
    if (cursor.pos === cursor.end && !(await cursor.fill())) return false;
    cursor.pos++;
    return true;
  }
}
