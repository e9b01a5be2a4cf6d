/**
 * Writes a synthetic .heapsnapshot of any size straight to disk, record by record (never through
 * V8, never whole in memory: a few MB of buffered text at a time), in V8's layout and line
 * format (Node 20 fields). For files a real heap cannot easily give: multi-GB snapshots of a
 * chosen shape, for the scale bench and the beyond-4-GB test.
 *
 * Shapes (every node reachable from the root; node 0 is the synthetic root, 1 "(GC roots)",
 * 2 the global object):
 *   tree   a 4-ary tree of objects below the global, breadth first (shallow dominator tree);
 *   chain  one doubly linked list (next and prev) from the global: the dominator tree is as deep
 *          as the list is long, as with long linked lists and queues;
 *   fan    one array holding every other object (one node with n edges);
 *   roots  every object held straight from "(GC roots)" (many roots);
 *   indexed  a chain of list nodes (next, prev), each holding a payload object that an index
 *          array on the global also holds, after the list (a job queue whose jobs are also
 *          kept by id): deep dominator tree, semidominators far above.
 * Each object also points at one of a few shared strings (hubs, held by the objects only), as
 * real objects share maps and strings; ids are V8-like (odd, ascending).
 *
 * `extraNodeFields` adds node fields V8 does not write (one before V8's seven, the rest after,
 * each value "0"): the format takes node_fields from the header, so with ~1000 fields a file
 * of a few million nodes has node positions (ordinal × fields) past 2^32.
 */
import { FileHandle, open } from 'node:fs/promises';
import { EDGE_FIELDS, EDGE_TYPES, EdgeTypeName, NODE_FIELDS, NODE_TYPES, NodeTypeName, emptyTraceSections, snapshotHeader } from '../snapshotBuilder';

export type SnapshotShape = 'tree' | 'chain' | 'fan' | 'roots' | 'indexed';

export interface StreamedSnapshot {
  nodeCount: number;
  edgeCount: number;
  bytes: number;
}

// The layout is the builder's (snapshotBuilder.ts): one description of the format; this file
// only writes it record by record instead of whole.
const T = (name: NodeTypeName) => NODE_TYPES.indexOf(name);
const E = (name: EdgeTypeName) => EDGE_TYPES.indexOf(name);
// The records below are written field by field, in the builder's order: say so if it changes.
if (NODE_FIELDS.join() !== 'type,name,id,self_size,edge_count,trace_node_id,detachedness' || EDGE_FIELDS.join() !== 'type,name_or_index,to_node') {
  throw new Error(`streamedSnapshot.ts writes another record layout than snapshotBuilder.ts: ${NODE_FIELDS} / ${EDGE_FIELDS}`);
}
const STRINGS = ['', '(GC roots)', 'global', 'Item', 'next', 'prev', 'child', 'label', 'Array', 'hub 0', 'hub 1', 'hub 2', 'hub 3', 'items'];
const S = (s: string) => STRINGS.indexOf(s);
const HUBS = 4;
/** Ordinals: root, (GC roots), global, the hubs, then the objects. */
const FIRST_OBJECT = 3 + HUBS;
const FLUSH_BYTES = 4 << 20;

/** Edges of node `i` (ordinal) as [type, nameOrIndex, toOrdinal] triples, written into `out`. */
function edgesOf(shape: SnapshotShape, i: number, n: number, out: number[]): void {
  out.length = 0;
  const objects = n - FIRST_OBJECT;
  if (i === 0) {
    out.push(E('element'), 1, 1, E('shortcut'), S('global'), 2);
    return;
  }
  if (i === 1) {
    out.push(E('element'), 1, 2);
    if (shape === 'roots') for (let k = 0; k < objects; k++) out.push(E('element'), k + 2, FIRST_OBJECT + k);
    return;
  }
  if (i === 2) {
    if (shape === 'indexed') {
      // Odd objects are payloads; the list's nodes are the even ones.
      if (objects > 0) out.push(E('property'), S('next'), FIRST_OBJECT);
      for (let k = 1; k < objects; k += 2) out.push(E('element'), k, FIRST_OBJECT + k);
    } else if (shape === 'fan') for (let k = 0; k < objects; k++) out.push(E('element'), k, FIRST_OBJECT + k);
    else if (shape !== 'roots' && objects > 0) out.push(E('property'), S(shape === 'chain' ? 'next' : 'child'), FIRST_OBJECT);
    return;
  }
  if (i < FIRST_OBJECT) return; // hubs: strings, no edges
  const k = i - FIRST_OBJECT;
  if (shape === 'tree') {
    for (let c = 4 * k + 1; c <= 4 * k + 4 && c < objects; c++) out.push(E('property'), S('child'), FIRST_OBJECT + c);
  } else if (shape === 'chain') {
    if (k + 1 < objects) out.push(E('property'), S('next'), i + 1);
    out.push(E('property'), S('prev'), k === 0 ? 2 : i - 1);
  } else if (shape === 'indexed' && k % 2 === 0) {
    if (k + 2 < objects) out.push(E('property'), S('next'), i + 2);
    if (k + 1 < objects) out.push(E('property'), S('child'), i + 1);
    out.push(E('property'), S('prev'), k === 0 ? 2 : i - 2);
  }
  out.push(E('property'), S('label'), 3 + (k % HUBS));
}

function edgeCountOf(shape: SnapshotShape, n: number): number {
  const scratch: number[] = [];
  const objects = n - FIRST_OBJECT;
  let total = 0;
  for (let i = 0; i < FIRST_OBJECT; i++) {
    edgesOf(shape, i, n, scratch);
    total += scratch.length / 3;
  }
  // Per object: the label, plus its shape's links.
  if (shape === 'tree') return total + objects + Math.max(0, objects - 1);
  if (shape === 'chain') return total + objects + objects + Math.max(0, objects - 1);
  if (shape === 'indexed') {
    const nodes = Math.ceil(objects / 2);
    return total + objects + nodes + Math.max(0, nodes - 1) + Math.floor(objects / 2);
  }
  return total + objects;
}

/** Text into a reused buffer, flushed to the file when full: digits written by hand (fast). */
class ByteWriter {
  private readonly buffer: Buffer;
  private used = 0;
  written = 0;
  /** `recordBytes`: the most one record takes, written after a `full` check. */
  constructor(private readonly handle: FileHandle, recordBytes = 256) {
    this.buffer = Buffer.allocUnsafe(FLUSH_BYTES + 4096 + recordBytes);
  }

  async text(text: string): Promise<void> {
    if (this.used + text.length > FLUSH_BYTES) await this.flush();
    if (text.length > FLUSH_BYTES) {
      const b = Buffer.from(text, 'latin1');
      await this.handle.write(b, 0, b.length);
      this.written += b.length;
      return;
    }
    this.used += this.buffer.write(text, this.used, 'latin1');
  }

  /** `count` spaces (JSON whitespace): how the beyond-4-GB test grows a file cheaply. */
  async spaces(count: number): Promise<void> {
    while (count > 0) {
      if (this.used >= FLUSH_BYTES) await this.flush();
      const n = Math.min(count, FLUSH_BYTES - this.used);
      this.buffer.fill(0x20, this.used, this.used + n);
      this.used += n;
      count -= n;
    }
  }

  /** Bytes as they are; check `full` before each record. */
  bytes(b: Buffer): void {
    this.used += b.copy(this.buffer, this.used);
  }

  /** One byte; check `full` before each record. */
  byte(c: number): void {
    this.buffer[this.used++] = c;
  }

  number(v: number): void {
    const b = this.buffer;
    if (v < 10) {
      b[this.used++] = 48 + v;
      return;
    }
    let digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    let at = this.used + digits;
    this.used = at;
    for (let x = v; at > this.used - digits; x = Math.floor(x / 10)) b[--at] = 48 + (x % 10);
  }

  /** Flush before the next record (under 256 bytes) when true. */
  get full(): boolean {
    return this.used > FLUSH_BYTES;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.handle.write(this.buffer, 0, this.used);
    this.written += this.used;
    this.used = 0;
  }
}

export interface StreamOptions {
  /**
   * Spaces written before every `padEvery`-th node and edge record (and before the strings): a
   * file of any size with few nodes, so offsets past 4 GB can be read without 4 GB of graph.
   */
  padBytes?: number;
  padEvery?: number;
  /** Node fields beyond V8's (see the top of the file), each written as 0. */
  extraNodeFields?: number;
}

/** The header with `extra` more node fields: one named pad_0 before V8's, the rest after. */
function headerWith(n: number, edgeCount: number, extra: number): ReturnType<typeof snapshotHeader> {
  const header = snapshotHeader(n, edgeCount);
  if (extra === 0) return header;
  const names = Array.from({ length: extra }, (_, k) => `pad_${k}`);
  const [typeNames, ...kinds] = header.meta.node_types;
  header.meta.node_fields = [names[0], ...header.meta.node_fields, ...names.slice(1)];
  header.meta.node_types = ['number', typeNames, ...kinds, ...names.slice(1).map(() => 'number')];
  return header;
}

/**
 * Writes a snapshot of `nodeCount` nodes (at least FIRST_OBJECT + 1) shaped `shape` to `file`.
 * About 26 bytes per node and 14 per edge of text, plus any padding.
 */
export async function writeStreamedSnapshot(
  file: string, shape: SnapshotShape, nodeCount: number, options: StreamOptions = {},
): Promise<StreamedSnapshot> {
  const n = Math.max(FIRST_OBJECT + 1, Math.floor(nodeCount));
  const edgeCount = edgeCountOf(shape, n);
  const padBytes = options.padBytes ?? 0;
  const padEvery = Math.max(1, options.padEvery ?? 1);
  const extra = Math.max(0, Math.floor(options.extraNodeFields ?? 0));
  const nodeFields = NODE_FIELDS.length + extra;
  // "0," before V8's fields, ",0" for each after: copied whole into each record.
  const before = Buffer.from(extra > 0 ? '0,' : '', 'latin1');
  const after = Buffer.from(',0'.repeat(Math.max(0, extra - 1)), 'latin1');
  const handle = await open(file, 'w');
  const w = new ByteWriter(handle, 256 + before.length + after.length);
  try {
    await w.text(`{"snapshot":${JSON.stringify(headerWith(n, edgeCount, extra))},\n"nodes":[`);
    const scratch: number[] = [];
    const COMMA = 0x2c, NL = 0x0a;
    for (let i = 0; i < n; i++) {
      edgesOf(shape, i, n, scratch);
      let type = T('object');
      let name = S('Item');
      let size = 32;
      if (i === 0) [type, name, size] = [T('synthetic'), S(''), 0];
      else if (i === 1) [type, name, size] = [T('synthetic'), S('(GC roots)'), 0];
      else if (i === 2) [type, name, size] = shape === 'fan' ? [T('array'), S('Array'), 16 + 8 * (n - FIRST_OBJECT)] : [T('object'), S('global'), 64];
      else if (i < FIRST_OBJECT) [type, name, size] = [T('string'), S(`hub ${i - 3}`), 24];
      if (padBytes > 0 && i % padEvery === 0) await w.spaces(padBytes);
      if (w.full) await w.flush();
      if (i > 0) {
        w.byte(NL);
        w.byte(COMMA);
      }
      w.bytes(before);
      w.number(type);
      w.byte(COMMA);
      w.number(name);
      w.byte(COMMA);
      w.number(2 * i + 1);
      w.byte(COMMA);
      w.number(size);
      w.byte(COMMA);
      w.number(scratch.length / EDGE_FIELDS.length);
      w.byte(COMMA);
      w.byte(0x30);
      w.byte(COMMA);
      w.byte(0x30);
      w.bytes(after);
    }
    await w.text(']\n,"edges":[');
    let first = true;
    let edgeOrdinal = 0;
    for (let i = 0; i < n; i++) {
      edgesOf(shape, i, n, scratch);
      for (let e = 0; e < scratch.length; e += 3) {
        if (padBytes > 0 && edgeOrdinal++ % padEvery === 0) await w.spaces(padBytes);
        if (w.full) await w.flush();
        if (!first) {
          w.byte(NL);
          w.byte(COMMA);
        }
        first = false;
        w.number(scratch[e]);
        w.byte(COMMA);
        w.number(scratch[e + 1]);
        w.byte(COMMA);
        w.number(scratch[e + 2] * nodeFields);
      }
    }
    const empty = Object.keys({ ...emptyTraceSections(), locations: [] }).map((k) => `${JSON.stringify(k)}:[]`);
    await w.text(`]\n,${empty.join(',\n')},\n"strings":[`);
    for (const [k, s] of STRINGS.entries()) {
      if (padBytes > 0) await w.spaces(padBytes);
      await w.text(`${k > 0 ? '\n,' : ''}${JSON.stringify(s)}`);
    }
    await w.text(']}');
    await w.flush();
  } finally {
    await handle.close();
  }
  return { nodeCount: n, edgeCount, bytes: w.written };
}

/** CLI: node --import tsx test/engine/snapshot/streamedSnapshot.ts FILE SHAPE NODES */
if (require.main === module) {
  const [file, shape, nodes] = process.argv.slice(2);
  if (!file || !['tree', 'chain', 'fan', 'roots', 'indexed'].includes(shape) || !Number(nodes)) {
    console.error('usage: streamedSnapshot.ts FILE tree|chain|fan|roots|indexed NODES');
    process.exit(2);
  }
  const started = Date.now();
  void writeStreamedSnapshot(file, shape as SnapshotShape, Number(nodes)).then((r) =>
    console.log(`${file}: ${shape}, ${r.nodeCount} nodes, ${r.edgeCount} edges, ${r.bytes} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s`));
}
