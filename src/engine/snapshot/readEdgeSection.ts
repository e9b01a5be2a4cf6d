import { open } from 'node:fs/promises';
import { ByteCursor } from './byteCursor';
import { EdgeColumns, EdgeSectionSink } from './edgeSectionSink';
import { NumberArrayTokenizer } from './numberArrayTokenizer';
import { ParseProgress, ProgressOptions } from './parseProgress';
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
  /** Where the section's '[' is. */
  readonly offset: number;
  readonly layout: SnapshotLayout;
  /** Shared memory (see sharedArrays), edge_count long. */
  readonly columns: EdgeColumns;
  readonly chunkSize: number;
}

/** What the parser keeps of an EdgeSectionSink besides its columns (see validateSnapshot). */
export interface EdgesResult {
  readonly edges: number;
  readonly maxName: number;
  readonly maxNameEdge: number;
}

/**
 * Reads the `edges` section as parseSnapshotFile would, from its own handle on the file, into the
 * request's columns. The progress it reports counts the section's bytes only. Bad input throws the
 * same SnapshotParseError the parser would; the parser does not pass it on but reads the file again
 * on its own, so an error is always the one the sequential reading finds first.
 */
export async function readEdgeSection(request: EdgesRequest, options: ProgressOptions): Promise<EdgesResult> {
  const { file, fileSize, offset, layout, columns } = request;
  for (const column of [columns.edgeType, columns.edgeNameOrIndex, columns.edgeToNode]) {
    if (column.length !== layout.edgeCount) throw new Error(`edge columns of ${column.length}, not edge_count (${layout.edgeCount})`);
  }
  const handle = await open(file, 'r');
  try {
    const progress = new ParseProgress(fileSize - offset, options);
    const cursor = new ByteCursor(handle, fileSize, request.chunkSize, (bytes) => progress.chunk(bytes));
    try {
      await cursor.seek(offset);
      const sink = new EdgeSectionSink(layout, file, columns);
      await new SectionReader(cursor, file).numbers(new NumberArrayTokenizer(file, ''), sink, 'edges');
      return { edges: sink.edges, maxName: sink.maxName, maxNameEdge: sink.maxNameEdge };
    } finally {
      await cursor.settle();
    }
  } finally {
    await handle.close();
  }
}
