/**
 * Values past 2^32 without a file of over 613 M nodes: the tokenizer, the header's layout and the
 * edge and location sinks are driven directly (a real file of such positions, with a few million
 * nodes of many fields, is loaded in beyond4GBFile.test.ts). The one kind of value V8 writes past
 * 2^32 is a node's position in `nodes` (ordinal × node fields, as edges' to_node and locations'
 * object_index give it), in a snapshot whose node_count × node fields passes 2^32: the layout says
 * so from the header, and those two columns are read wide and stored as ordinals. Any other value
 * past 2^32 is refused where the tokenizer meets it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NumberArrayTokenizer, NumberSink } from '../../../src/engine/snapshot/numberArrayTokenizer';
import { EdgeSectionSink } from '../../../src/engine/snapshot/edgeSectionSink';
import { LocationSectionSink } from '../../../src/engine/snapshot/locationSectionSink';
import { parseErrorOf } from './parseErrorOf';
import { mostNodes, readSnapshotLayout, SnapshotLayout } from '../../../src/engine/snapshot/snapshotLayout';
import { constants } from 'node:buffer';
import { edgeToNodeColumn, WideColumn } from '../../../src/engine/snapshot/wideColumn';

const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
/** The most nodes of 7 fields whose positions all fit in 32 bits: the last starts below 2^32. */
const MOST_NARROW = Math.floor(0xffffffff / 7) + 1;

function header(nodeCount: number, edgeCount = 3, extra: object = {}) {
  return {
    meta: {
      node_fields: NODE_FIELDS,
      node_types: [['hidden', 'object'], 'string', 'number', 'number', 'number', 'number', 'number'],
      edge_fields: ['type', 'name_or_index', 'to_node'],
      edge_types: [['element', 'property'], 'string_or_number', 'node'],
      location_fields: ['object_index', 'script_id', 'line', 'column'],
    },
    node_count: nodeCount,
    edge_count: edgeCount,
    ...extra,
  };
}

/** The size bound on the counts is the file's: say it is big enough. */
const layoutOf = (h: unknown) => readSnapshotLayout(h, 'huge.heapsnapshot', 9, 1e13);

/** Feeds `text` (after its '[') in pieces of `piece` bytes, as SectionReader does, into `sink` if given. */
function run(text: string, piece: number, wide: WideColumn | null, sink?: NumberSink): NumberArrayTokenizer {
  const tokenizer = new NumberArrayTokenizer('huge.heapsnapshot', '"edges"');
  tokenizer.reset('"edges"', wide);
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length && !tokenizer.done; at += piece) {
    tokenizer.feed(bytes, at, Math.min(bytes.length, at + piece), 0);
    if (sink) tokenizer.consume(sink.take(tokenizer.values, tokenizer.count, tokenizer));
  }
  if (sink) sink.finish(bytes.length - 1, tokenizer.count);
  return tokenizer;
}

const PIECES = [[1000, 'in one read'], [3, 'cut across reads']] as const;

describe('values past 2^32', () => {
  for (const [piece, how] of PIECES) {
    it(`the tokenizer reads 2^32 - 1 and refuses 2^32 where the number starts, without a wide column (${how})`, () => {
      const tokenizer = run('4294967295,7]', piece, null);
      assert.deepEqual([...tokenizer.values.subarray(0, tokenizer.count)], [0xffffffff, 7]);
      const error = parseErrorOf(() => run('1,4294967296,7]', piece, null));
      assert.equal(error.position, 2);
      assert.match(error.message, /number of 10 digits is larger than 32 bits in "edges"$/);
    });

    it(`in the wide column, positions past 2^32 come as ordinals, marked; elsewhere they are refused at their byte (${how})`, () => {
      const limit = 7 * 0xfffffffe;
      const wide: WideColumn = { stride: 3, column: 2, divisor: 7, limit, what: 'edge to_node' };
      // Records of three; the last field is the wide one.
      const tokenizer = run(`1,2,${7 * 2 ** 31},1,2,4294967295,1,2,${limit - 7}]`, piece, wide);
      assert.deepEqual([...tokenizer.values.subarray(0, tokenizer.count)], [1, 2, 2 ** 31, 1, 2, 0xffffffff, 1, 2, 0xfffffffd]);
      assert.deepEqual([...tokenizer.wideAt.subarray(0, tokenizer.wideCount)], [2, 8]);
      const cases: [string, number, RegExp][] = [
        [`1,${2 ** 32},7]`, 2, /number of 10 digits is larger than 32 bits in "edges"$/],
        [`1,2,${limit}]`, 4, new RegExp(`edge to_node ${limit} is beyond the last node \\(${limit - 7}\\) in "edges"$`)],
        [`1,2,${7 * 2 ** 31 + 3}]`, 4, new RegExp(`edge to_node ${7 * 2 ** 31 + 3} is not a multiple of node_fields \\(7\\) in "edges"$`)],
        ['1,2,123456789012345678901234567890]', 4, new RegExp(`edge to_node of 30 digits is beyond the last node \\(${limit - 7}\\) in "edges"$`)],
        ['1,123456789012345678901234567890,7]', 2, /number of 30 digits is larger than 32 bits in "edges"$/],
      ];
      for (const [text, position, message] of cases) {
        const error = parseErrorOf(() => run(text, piece, wide));
        assert.equal(error.position, position, text);
        assert.match(error.message, message, text);
      }
    });
  }

  it('the layout says from the header whether node positions can pass 2^32', () => {
    assert.equal(layoutOf(header(MOST_NARROW)).widePositions, false, 'the last node starts below 2^32');
    assert.equal(layoutOf(header(MOST_NARROW + 1)).widePositions, true);
    assert.ok(MOST_NARROW > 613_000_000 && MOST_NARROW < 614_000_000);
    assert.equal(edgeToNodeColumn(layoutOf(header(MOST_NARROW))), null, 'a normal file reads every value 32-bit');
    const most = mostNodes(constants.MAX_LENGTH);
    assert.deepEqual(edgeToNodeColumn(layoutOf(header(most))), { stride: 3, column: 2, divisor: 7, limit: 7 * most, what: 'edge to_node' });
  });

  it("node counts past this Node's typed arrays are refused up front, naming the most", () => {
    // Node 20's typed arrays hold 2^32 entries, the dominators 3 per node and one more.
    assert.equal(mostNodes(2 ** 32), 1_431_655_764);
    assert.equal(mostNodes(Number.MAX_SAFE_INTEGER), 0xfffffffe);
    const most = mostNodes(constants.MAX_LENGTH);
    assert.equal(layoutOf(header(most)).nodeCount, most);
    if (most < 0xfffffffe) {
      const error = parseErrorOf(() => layoutOf(header(most + 1)));
      assert.match(error.message, new RegExp(`snapshot\\.node_count ${most + 1} is past ${most}, the most nodes this Node\\.js \\(v\\d+[^)]*\\) can analyse: its typed arrays hold at most ${constants.MAX_LENGTH} entries`));
    }
  });

  it('counts past what 32-bit ordinals index are refused by name', () => {
    const edges = parseErrorOf(() => layoutOf(header(10, 2 ** 33)));
    assert.match(edges.message, /snapshot\.edge_count 8589934592 is past 4294967294, the most Heapscope can index \(32-bit ordinals\)$/);
    const nodes = parseErrorOf(() => layoutOf(header(2 ** 32 - 1)));
    assert.match(nodes.message, /snapshot\.node_count 4294967295 is past 4294967294/);
  });

  /** Edges whose targets spread over a 700 M-node snapshot, many past 2^32, some at its ends. */
  function wideEdges(count: number): { layout: SnapshotLayout; text: string; to: number[] } {
    const nodeCount = 700_000_000;
    const layout = layoutOf(header(nodeCount, count));
    const to = Array.from({ length: count }, (_, e) => [0, nodeCount - 1, MOST_NARROW - 1, MOST_NARROW][e % 7] ?? (e * 2_654_435_761) % nodeCount);
    const text = `${to.map((t, e) => `${e % 2},${e},${t * 7}`).join('\n,')}]`;
    return { layout, text, to };
  }

  for (const [piece, how] of [[64 * 1024, 'in 64 KB reads'], [7, 'cut across reads']] as const) {
    it(`the edge sink stores wide to_nodes as ordinals, over many batches (${how})`, () => {
      const { layout, text, to } = wideEdges(40_000);
      assert.ok(to.filter((t) => t * 7 > 0xffffffff).length > 10_000);
      const sink = new EdgeSectionSink(layout, 'huge.heapsnapshot');
      run(text, piece, sink.wide, sink);
      assert.equal(sink.edges, to.length);
      const { edgeToNode, edgeNameOrIndex, edgeType } = sink.columns;
      for (let e = 0; e < to.length; e++) {
        if (edgeToNode[e] !== to[e] || edgeNameOrIndex[e] !== e || edgeType[e] !== e % 2) assert.fail(`edge ${e}: ${edgeType[e]},${edgeNameOrIndex[e]},${edgeToNode[e]} for ${e % 2},${e},${to[e]}`);
      }
    });
  }

  it('an edge holding a wide to_node still has its type checked, at its byte', () => {
    const layout = layoutOf(header(700_000_000, 2));
    const sink = new EdgeSectionSink(layout, 'huge.heapsnapshot');
    const error = parseErrorOf(() => run(`1,0,7\n,5,0,${7 * 650_000_000}]`, 1000, sink.wide, sink));
    assert.equal(error.position, 7);
    assert.match(error.message, /edge type 5 is beyond edge_types \(2 types\)$/);
  });

  it('the location sink stores wide object_indexes as ordinals', () => {
    const layout = layoutOf(header(700_000_000));
    const sink = new LocationSectionSink(layout, 'huge.heapsnapshot');
    const ordinals = [0, 650_000_000, MOST_NARROW - 1, 699_999_999, 3];
    run(`${ordinals.map((o, k) => `${o * 7},${k},${10 + k},${20 + k}`).join('\n,')}]`, 5, sink.wide, sink);
    const result = sink.result();
    assert.deepEqual([...result.nodeOrdinal], ordinals);
    assert.deepEqual([...result.scriptId], [0, 1, 2, 3, 4]);
    assert.deepEqual([...result.column], [20, 21, 22, 23, 24]);
  });
});
