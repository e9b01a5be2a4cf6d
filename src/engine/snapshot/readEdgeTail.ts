import { ByteCursor } from './byteCursor';
import { EdgeColumns, EdgeSectionSink } from './edgeSectionSink';
import { NumberArrayTokenizer } from './numberArrayTokenizer';
import { EdgesResult } from './readEdgeSection';
import { BREAK_CLOSED, BREAK_NONE, RecordBreak } from './recordBreak';
import { SectionReader } from './sectionReader';
import { SnapshotLayout } from './snapshotLayout';

/** The end of an `edges` section read here while another thread reads the rest (see EdgesSplit). */
export interface EdgeTail {
  /** File offset of its first byte: the record break where the other thread stops. */
  readonly from: number;
  /** Just past the section's ']'. */
  readonly end: number;
  readonly edges: number;
  readonly columns: EdgeColumns;
  readonly maxName: number;
  readonly maxNameEdge: number;
}

/**
 * Reads an `edges` section from the first record break at or after `at` to its closing ']' (the
 * byte before `end`), into columns of its own: where they go in the section's columns is known
 * only once the other thread says how many edges come before. Null if the section closes before
 * any break, in which case the other thread reads all of it.
 */
export async function readEdgeTail(
  cursor: ByteCursor, reader: SectionReader, tokenizer: NumberArrayTokenizer, file: string, layout: SnapshotLayout,
  at: number, end: number,
): Promise<EdgeTail | null> {
  await cursor.seek(at);
  const seeking = new RecordBreak(at);
  let from = BREAK_NONE;
  while (from === BREAK_NONE) {
    if (cursor.pos === cursor.end && !(await cursor.fill())) reader.endOfFile('in "edges"');
    from = seeking.find(cursor.bytes, cursor.end, cursor.base);
    if (from === BREAK_NONE) cursor.pos = cursor.end;
  }
  if (from === BREAK_CLOSED) return null;
  cursor.pos = from - cursor.base;
  // A record takes at least 6 bytes ("0,0,0" and a comma): a bound on the count. Pages of it never
  // written are never touched, so the slack costs address space, not memory.
  const capacity = Math.min(layout.edgeCount, Math.ceil((end - from) / 6) + 1);
  const columns: EdgeColumns = {
    edgeType: new Uint8Array(capacity), edgeNameOrIndex: new Uint32Array(capacity), edgeToNode: new Uint32Array(capacity),
  };
  const sink = new EdgeSectionSink(layout, file, columns, capacity);
  tokenizer.resetAfterComma('"edges"', sink.wide);
  await reader.numbersToEnd(tokenizer, sink, '"edges"');
  if (tokenizer.count !== 0) throw new Error(`"edges" from ${from} ends inside a record`);
  return { from, end: cursor.offset, edges: sink.edges, columns, maxName: sink.maxName, maxNameEdge: sink.maxNameEdge };
}

/**
 * The whole section from the other thread's head and this thread's tail: the tail's edges copied
 * in after the head's. Any mismatch (the head did not stop where the tail starts, the two do not
 * add up to edge_count, or the section does not end at `end`, where the parser went on reading)
 * throws a plain Error: the parser then reads the file alone, which names the problem and its byte.
 */
export function joinEdgeTail(sink: EdgeSectionSink, head: EdgesResult, tail: EdgeTail | null, edgeCount: number, end: number): EdgesResult {
  const ended = tail ? tail.end : head.end;
  if (ended !== end) throw new Error(`"edges" ends at ${ended}, not at ${end}`);
  if (!tail) {
    if (head.stoppedAt !== null) throw new Error(`"edges" head stopped at ${head.stoppedAt} with no tail read`);
    return head;
  }
  if (head.stoppedAt !== tail.from) throw new Error(`"edges" head stopped at ${head.stoppedAt}, tail starts at ${tail.from}`);
  if (head.edges + tail.edges !== edgeCount) throw new Error(`"edges" head and tail hold ${head.edges} + ${tail.edges} edges, not ${edgeCount}`);
  const { edgeType, edgeNameOrIndex, edgeToNode } = sink.columns;
  edgeType.set(tail.columns.edgeType.subarray(0, tail.edges), head.edges);
  edgeNameOrIndex.set(tail.columns.edgeNameOrIndex.subarray(0, tail.edges), head.edges);
  edgeToNode.set(tail.columns.edgeToNode.subarray(0, tail.edges), head.edges);
  // The first edge with the largest name, as a reading in file order would have found it.
  const tailFirst = tail.maxName > head.maxName;
  return {
    edges: edgeCount,
    maxName: tailFirst ? tail.maxName : head.maxName,
    maxNameEdge: tailFirst ? head.edges + tail.maxNameEdge : head.maxNameEdge,
    stoppedAt: null,
    end,
  };
}
