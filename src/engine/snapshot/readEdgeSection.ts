import { open } from 'node:fs/promises';
import { ByteCursor } from './byteCursor';
import { EdgeColumns, EdgeSectionSink } from './edgeSectionSink';
import { FEED_BYTES, NumberArrayTokenizer } from './numberArrayTokenizer';
import { ParseProgress, ProgressOptions } from './parseProgress';
import { EdgesHead } from './edgesHead';
import { BREAK_NONE, RecordBreak } from './recordBreak';
import { SectionReader } from './sectionReader';
import { SnapshotLayout } from './snapshotLayout';

/**
 * What another thread needs to read a file's `edges` section into columns the parser allocated:
 * plain data and shared memory only, so it can be posted as is.
 */
export interface EdgesRequest {
  readonly file: string;
  /** The file's size when the parser opened it. */
  readonly fileSize: number;
  /**
   * The parser's file (device and inode, as strings: both can exceed 2^53): the path may name
   * another file by the time this thread opens it (a capture renames a new snapshot over it).
   */
  readonly identity?: string;
  /** Where the section's '[' is. */
  readonly offset: number;
  readonly layout: SnapshotLayout;
  /** Shared memory (see sharedArrays), edge_count long. */
  readonly columns: EdgeColumns;
  readonly chunkSize: number;
  /** Names this reading for EdgesHelper.takeOver; increasing from one request to the next. */
  readonly readingId: number;
}

/** Which file a handle reads, whatever its path names now. */
export function fileIdentity(stat: { dev: bigint; ino: bigint }): string {
  return `${stat.dev}:${stat.ino}`;
}

/** What the parser keeps of an EdgeSectionSink besides its columns (see validateSnapshot). */
export interface EdgesResult {
  readonly edges: number;
  readonly maxName: number;
  readonly maxNameEdge: number;
  /**
   * Where the reading stopped, at the record break `head` was told to stop at (the edges from there on are
   * the caller's to read), or null if it read the whole section.
   */
  readonly stoppedAt: number | null;
  /** Just past the section's ']' if the reading got there (stoppedAt null), else null. */
  readonly end: number | null;
}

/**
 * Reads the `edges` section as parseSnapshotFile would, from its own handle on the file, into the
 * request's columns. The progress it reports counts the section's bytes only. Bad input throws the
 * same SnapshotParseError the parser would; the parser does not pass it on but reads the file again
 * on its own, so an error is always the one the sequential reading finds first.
 *
 * `head` lets the parser take the rest of the section over while this runs (see EdgesHead): the
 * reading then ends at the record break, with whole records only.
 */
export async function readEdgeSection(request: EdgesRequest, options: ProgressOptions, head = new EdgesHead(request.readingId)): Promise<EdgesResult> {
  const { file, fileSize, offset, layout, columns } = request;
  for (const column of [columns.edgeType, columns.edgeNameOrIndex, columns.edgeToNode]) {
    if (column.length !== layout.edgeCount) throw new Error(`edge columns of ${column.length}, not edge_count (${layout.edgeCount})`);
  }
  const handle = await open(file, 'r');
  try {
    if (request.identity !== undefined && fileIdentity(await handle.stat({ bigint: true })) !== request.identity) {
      // The parser then reads the edges itself, from the file it has open.
      throw new Error(`${file} was replaced while it was read`);
    }
    const progress = new ParseProgress(fileSize - offset, options);
    const cursor = new ByteCursor(handle, fileSize, request.chunkSize, (bytes) => progress.chunk(bytes));
    try {
      await cursor.seek(offset);
      const sink = new EdgeSectionSink(layout, file, columns);
      const reader = new SectionReader(cursor, file);
      await reader.expect(0x5b, 'to start "edges"');
      const tokenizer = new NumberArrayTokenizer(file, '');
      tokenizer.reset('"edges"', sink.wide);
      const stoppedAt = await readUntilStop(cursor, reader, tokenizer, sink, head);
      const end = stoppedAt === null ? cursor.offset : null;
      if (stoppedAt === null) {
        sink.finish(cursor.offset - 1, tokenizer.count);
      } else if (tokenizer.count !== 0) {
        // Not a record boundary after all (a writer other than V8): the parser reads it all alone.
        throw new Error(`"edges" split at ${stoppedAt} is inside a record`);
      }
      return { edges: sink.edges, maxName: sink.maxName, maxNameEdge: sink.maxNameEdge, stoppedAt, end };
    } finally {
      await cursor.settle();
    }
  } finally {
    await handle.close();
  }
}

/**
 * SectionReader.numbers' loop, but ending early at the record break `head` is told to stop at,
 * if it is told before the reading gets there. Returns that break's offset, or null at the closing ']'.
 */
async function readUntilStop(
  cursor: ByteCursor, reader: SectionReader, tokenizer: NumberArrayTokenizer, sink: EdgeSectionSink, head: EdgesHead,
): Promise<number | null> {
  let seeking: RecordBreak | null = null;
  let breakAt = BREAK_NONE;
  for (;;) {
    if (head.stopAt >= 0 && seeking === null) seeking = new RecordBreak(head.stopAt);
    if (seeking && breakAt === BREAK_NONE) breakAt = seeking.find(cursor.bytes, cursor.end, cursor.base);
    const end = Math.min(breakAt >= 0 ? Math.min(cursor.end, breakAt - cursor.base) : cursor.end, cursor.pos + FEED_BYTES);
    cursor.pos = tokenizer.feed(cursor.bytes, cursor.pos, end, cursor.base);
    tokenizer.consume(sink.take(tokenizer.values, tokenizer.count, tokenizer));
    head.fed = cursor.offset;
    if (tokenizer.done) return null;
    if (breakAt >= 0 && cursor.offset === breakAt) return breakAt;
    if (cursor.pos === cursor.end && !(await cursor.fill())) reader.endOfFile('in "edges"');
  }
}
