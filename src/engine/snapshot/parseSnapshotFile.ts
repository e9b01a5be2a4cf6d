import { FileHandle, open } from 'node:fs/promises';
import { GunzipReader, MAX_GZIP_RATIO, isGzip } from './gunzipReader';
import { CancelledError } from '../../protocol/rpc';
import { ByteCursor } from './byteCursor';
import { EdgeSectionSink } from './edgeSectionSink';
import { readEdgeTail } from './readEdgeTail';
import { guessEdgesEnd } from './edgesEndGuess';
import { EdgesHelper, EdgesSplit } from './edgesSplit';
import { fileIdentity } from './readEdgeSection';
import { JsonValueSkipper } from './jsonValueSkipper';
import { locateValue } from './locateValue';
import { LocationSectionSink } from './locationSectionSink';
import { NodeSectionSink } from './nodeSectionSink';
import { NumberArrayTokenizer, NumberSink } from './numberArrayTokenizer';
import { ParsedSnapshot } from './parsedSnapshot';
import { ParseProgress, ProgressOptions } from './parseProgress';
import { SectionReader } from './sectionReader';
import { skipPastBracket } from './skipPastBracket';
import { readSnapshotLayout, SnapshotLayout } from './snapshotLayout';
import { SnapshotParseError } from './snapshotParseError';
import { STRING_CHUNK_BYTES, StringSectionScanner } from './stringSectionScanner';
import { ReadSections, validateSnapshot } from './validateSnapshot';
import { TRACE_SECTIONS, TraceSection, TraceSections } from './traceSections';
import { edgeToNodeColumn } from './wideColumn';

export interface ParseSnapshotOptions extends ProgressOptions {
  /** Bytes per read; tests use tiny ones to split every token across reads. */
  chunkSize?: number;
  /**
   * Another thread to read the `edges` section (the bulk of a file) while this one reads the rest
   * (see EdgesSplit). Without it, or when it fails, the file is read on this thread alone.
   */
  edgesHelper?: EdgesHelper;
  /** Least bytes of `edges` worth taking over from that thread (see EdgesSplit.takeOver); tests use 0. */
  takeOverBytes?: number;
}

const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/** The `snapshot` header is a few KB; anything this large is not one. */
const HEADER_LIMIT = 16 * 1024 * 1024;

type NumberSection = 'nodes' | 'edges' | 'locations';
const SECTIONS = new Set(['snapshot', 'nodes', 'edges', 'locations', 'strings', ...TRACE_SECTIONS]);

/**
 * Reads a V8 `.heapsnapshot` into typed-array columns (see ParsedSnapshot), streaming the file in
 * chunks: no part of it is ever one JS string, so files past V8's 512 MB string limit and
 * Buffer's 2 GB limit load as long as their columns fit in memory.
 *
 * The top level is read as a JSON object whose known sections go to dedicated scanners and whose
 * other values are skipped unbuilt. Sections may come in any order; number sections that come
 * before the `snapshot` header (which says how to read them) are skipped and read again after it.
 *
 * Bad input of any kind throws SnapshotParseError (code EPARSE) naming the file and byte offset;
 * cancelling via `signal` throws CancelledError.
 *
 * With `edgesHelper`, that thread reads the edges while this one steps over them (to where
 * guessEdgesEnd puts their end, checked when they are joined; else see skipPastBracket) and reads
 * the rest, the nodes last, so the other thread starts as early as it can; then this one takes
 * over the end of the edges, so both finish together (see EdgesSplit).
 * If anything fails on either side, the file is read again on this thread alone, so bad input
 * gets exactly the error (and byte) the one-thread reading reports first.
 *
 * A gzip file (by its magic bytes 1f 8b, whatever its name) is inflated as a stream (see
 * GunzipReader) and read on this thread alone: the other thread reads by file offset, which a
 * compressed file does not have. Memory stays what the columns need plus a few MB; positions in
 * errors are in the decompressed stream, and the file is named "x.gz (gzip, decompressed)".
 */
export async function parseSnapshotFile(file: string, options: ParseSnapshotOptions = {}): Promise<ParsedSnapshot> {
  if (options.edgesHelper) {
    try {
      return await parseOnce(file, options, options.edgesHelper);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      if (options.signal?.aborted) throw new CancelledError();
    }
  }
  return parseOnce(file, options, null);
}

async function parseOnce(file: string, options: ParseSnapshotOptions, helper: EdgesHelper | null): Promise<ParsedSnapshot> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new SnapshotParseError(file, 0, openFailure(error));
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new SnapshotParseError(file, 0, 'not a regular file');
    if (stat.size === 0) throw new SnapshotParseError(file, 0, 'empty file');
    const progress = new ParseProgress(stat.size, options);
    progress.throwIfCancelled();
    const requested = options.chunkSize ?? DEFAULT_CHUNK_BYTES;
    const chunkSize = Number.isFinite(requested) ? Math.max(1, Math.floor(requested)) : DEFAULT_CHUNK_BYTES;
    if (await isGzip(handle)) return await parseGzip(file, handle, stat.size, chunkSize, progress);
    const cursor = new ByteCursor(handle, stat.size, chunkSize, (bytes) => progress.chunk(bytes));
    const identity = helper ? fileIdentity(await handle.stat({ bigint: true })) : undefined;
    const split = helper && new EdgesSplit(helper, { file, fileSize: stat.size, chunkSize, identity }, progress, options.signal, options.takeOverBytes);
    try {
      return await readSections(file, cursor, progress, split, (from) => guessEdgesEnd(handle, stat.size, from));
    } catch (error) {
      // A failing read (EIO, a file on a vanished mount) is reported like bad input: file and byte.
      const syscall = (error as { syscall?: unknown }).syscall;
      if (typeof syscall === 'string' && error instanceof Error) {
        throw new SnapshotParseError(file, cursor.offset, `cannot read: ${error.message}`);
      }
      throw error;
    } finally {
      split?.stop();
      await cursor.settle();
    }
  } finally {
    await handle.close();
  }
}

async function parseGzip(
  file: string, handle: FileHandle, compressedSize: number, chunkSize: number, progress: ParseProgress,
): Promise<ParsedSnapshot> {
  const label = `${file} (gzip, decompressed)`;
  const gunzip = new GunzipReader(handle, label);
  let progressAt = 0;
  const cursor = new ByteCursor(gunzip, compressedSize * MAX_GZIP_RATIO, chunkSize, (bytes) => {
    // Progress runs on the compressed bytes: the decompressed size is not known until the end.
    const compressed = gunzip.compressedRead;
    const step = Math.max(0, compressed - progressAt);
    progressAt = Math.max(progressAt, compressed);
    return progress.chunk(bytes, step);
  });
  try {
    const parsed = await readSections(label, cursor, progress, null, async () => -1, 'the gzip file inflates to at most');
    progress.complete();
    return parsed;
  } finally {
    await cursor.settle();
    gunzip.close();
  }
}

async function readSections(
  file: string, cursor: ByteCursor, progress: ParseProgress, split: EdgesSplit | null, edgesEndAt: (from: number) => Promise<number>,
  sizeWords?: string,
): Promise<ParsedSnapshot> {
  const reader = new SectionReader(cursor, file);
  const skipper = new JsonValueSkipper(file);
  const tokenizer = new NumberArrayTokenizer(file, '');
  const read: ReadSections = { layout: null, nodes: null, edges: null, locations: null, strings: null, traces: null, keys: [] };
  /** Trace sections before the header (not where V8 puts them): read after the rest. */
  const tracesLater: { section: TraceSection; offset: number }[] = [];
  const deferred: { section: NumberSection; offset: number }[] = [];
  /** Where each number section's '[' is. */
  const offsets = new Map<NumberSection, number>();
  const seen = new Set<string>();
  /** Just past the `edges` section another thread reads. */
  let edgesEnd = -1;

  const startSplit = (offset: number, layout: SnapshotLayout): boolean => {
    if (!split?.start(offset, layout)) return false;
    offsets.set('edges', offset);
    return true;
  };

  /** Steps over a number section another thread reads, or this one reads later. */
  const skipFast = async (section: NumberSection) => {
    progress.counting = false;
    const closed = await skipPastBracket(cursor);
    progress.counting = true;
    // The one-thread reading (which follows) says what is wrong with the section.
    if (!closed) throw new Error(`no ']' ends "${section}"`);
  };

  const readNumbers = async (section: NumberSection, offset: number) => {
    const layout = read.layout;
    if (!layout) throw new Error('unreachable: number section before layout');
    offsets.set(section, offset);
    let sink: NumberSink;
    if (section === 'nodes') {
      read.nodes = new NodeSectionSink(layout, file);
      sink = read.traces ? read.traces.nodeSink(read.nodes) : read.nodes;
    }
    else if (section === 'edges') sink = read.edges = new EdgeSectionSink(layout, file);
    else sink = read.locations = new LocationSectionSink(layout, file);
    await reader.numbers(tokenizer, sink, section);
  };

  const first = await reader.peek();
  if (first !== 0x7b) reader.unexpected(first, "expected '{': not a V8 heap snapshot");
  cursor.pos++;
  if ((await reader.peek()) === 0x7d) cursor.pos++;
  else {
    for (;;) {
      await reader.expect(0x22, 'to start a key');
      const keyPosition = cursor.offset - 1;
      const key = await reader.key();
      if (read.keys.length < 64) read.keys.push(key ?? '?');
      await reader.expect(0x3a, `after key ${JSON.stringify(key ?? '?')}`);
      await reader.peek();
      const valuePosition = cursor.offset;
      if (key !== null && SECTIONS.has(key)) {
        if (seen.has(key)) throw new SnapshotParseError(file, keyPosition, `"${key}" appears twice`);
        seen.add(key);
      }
      switch (key) {
        case 'snapshot': {
          skipper.reset('"snapshot"', HEADER_LIMIT);
          await reader.run(skipper, '"snapshot"');
          let header: unknown;
          try {
            header = JSON.parse(skipper.text());
          } catch (error) {
            throw new SnapshotParseError(file, valuePosition, `"snapshot" is not valid JSON (${(error as Error).message})`);
          }
          read.layout = readSnapshotLayout(header, file, valuePosition, cursor.size, sizeWords);
          if (read.layout.trace) read.traces = new TraceSections(read.layout, read.layout.trace, file);
          break;
        }
        case 'nodes':
        case 'edges':
        case 'locations':
          if (!read.layout) {
            await reader.skip(skipper, `"${key}"`);
            deferred.push({ section: key, offset: valuePosition });
            progress.addToTotal(cursor.offset - valuePosition);
          } else if (split && key === 'edges' && startSplit(valuePosition, read.layout)) {
            // Past the section without reading it if its end can be guessed (checked when it is joined).
            const guess = await edgesEndAt(valuePosition);
            if (guess > valuePosition) await cursor.seek(guess);
            else await skipFast(key);
            edgesEnd = cursor.offset;
          } else if (split && key === 'nodes' && !seen.has('edges')) {
            // Read after the rest, so the edges (which follow in V8's files) are handed over sooner.
            await skipFast(key);
            deferred.push({ section: key, offset: valuePosition });
          } else await readNumbers(key, valuePosition);
          break;
        case 'strings': {
          const scanner = new StringSectionScanner(file, Math.min(STRING_CHUNK_BYTES, Math.max(4096, cursor.size)), cursor.size);
          await reader.strings(scanner);
          read.strings = scanner.table();
          break;
        }
        case 'trace_function_infos':
        case 'trace_tree':
          if (read.traces) await read.traces.read(key, reader, tokenizer);
          else {
            // No trace data (ordinary snapshots: empty arrays), or no header yet to say.
            await reader.skip(skipper, `"${key}"`);
            if (!read.layout) tracesLater.push({ section: key, offset: valuePosition });
          }
          break;
        default:
          await reader.skip(skipper, key === null ? 'a value' : JSON.stringify(key));
      }
      const c = await reader.peek();
      cursor.pos++;
      if (c === 0x7d) break;
      if (c !== 0x2c) {
        cursor.pos--;
        reader.unexpected(c, "expected ',' or '}' after a section");
      }
    }
  }
  const after = await reader.peek();
  if (after !== -1) reader.unexpected(after, "expected nothing after the snapshot's closing '}'");

  if (read.layout) {
    for (const { section, offset } of tracesLater) {
      if (!read.traces) break;
      await cursor.seek(offset);
      await read.traces.read(section, reader, tokenizer);
    }
    for (const { section, offset } of deferred) {
      await cursor.seek(offset);
      await readNumbers(section, offset);
    }
  }
  if (split?.started && read.layout) {
    // The rest of the file is read: help the other thread with the end of its section.
    const at = await split.takeOver(edgesEnd);
    const tail = at === null ? null : await readEdgeTail(cursor, reader, tokenizer, file, read.layout, at, edgesEnd);
    read.edges = await split.join(tail, read.layout.edgeCount, edgesEnd);
  }
  // Bytes skipped here were counted by the other thread or on reading them later, roughly.
  if (split) progress.complete();
  // A name index past the strings is reported where it is: find that byte now (see locateValue).
  const { layout, nodes, edges, strings } = read;
  if (layout && nodes && edges && strings) {
    const at = (section: NumberSection, ordinal: number) =>
      locateValue(reader, cursor, tokenizer, offsets.get(section) ?? 0, section, ordinal, section === 'edges' ? edgeToNodeColumn(layout) : null);
    if (nodes.maxName >= strings.count) {
      nodes.maxNamePosition = await at('nodes', nodes.maxNameNode * layout.nodeFieldCount + layout.node.name);
    } else if (edges.maxName >= strings.count) {
      edges.maxNamePosition = await at('edges', edges.maxNameEdge * layout.edgeFieldCount + layout.edge.nameOrIndex);
    }
  }
  return validateSnapshot(file, cursor.endOffset, read);
}

function openFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'not a regular file';
  return `cannot open: ${error instanceof Error ? error.message : String(error)}`;
}
