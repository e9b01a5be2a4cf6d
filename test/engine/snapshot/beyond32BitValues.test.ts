/**
 * Values past 2^32 without a file of over 613 M nodes (which would need tens of GB of RAM): the
 * tokenizer and the sinks are driven directly, with a header whose node_count puts node positions
 * (edge to_node, location object_index) past 2^32 while only the few edges fed are allocated.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EdgeSectionSink } from '../../../src/engine/snapshot/edgeSectionSink';
import { LocationSectionSink } from '../../../src/engine/snapshot/locationSectionSink';
import { NumberArrayTokenizer } from '../../../src/engine/snapshot/numberArrayTokenizer';
import { SnapshotParseError } from '../../../src/engine/snapshot/snapshotParseError';
import { readSnapshotLayout } from '../../../src/engine/snapshot/snapshotLayout';

const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
/** 700 M nodes of 7 fields: positions in `nodes` reach 4.9 G, past 2^32. */
const NODES = 700_000_000;
const LAST = (NODES - 1) * NODE_FIELDS.length;

function layoutHeader(edgeCount = 3) {
  return {
    meta: {
      node_fields: NODE_FIELDS,
      node_types: [['hidden', 'object'], 'string', 'number', 'number', 'number', 'number', 'number'],
      edge_fields: ['type', 'name_or_index', 'to_node'],
      edge_types: [['element', 'property'], 'string_or_number', 'node'],
      location_fields: ['object_index', 'script_id', 'line', 'column'],
    },
    node_count: NODES,
    edge_count: edgeCount,
  };
}

/** The size bound on the counts is the file's: say it is big enough. */
const layout = (edgeCount: number) => readSnapshotLayout(layoutHeader(edgeCount), 'huge.heapsnapshot', 0, 1e13);

/** The numbers of `text` (after its '['), fed in pieces of `piece` bytes so some are cut. */
function tokenize(text: string, piece = text.length): NumberArrayTokenizer {
  const tokenizer = new NumberArrayTokenizer('huge.heapsnapshot', '"edges"');
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length && !tokenizer.done; at += piece) tokenizer.feed(bytes, at, Math.min(bytes.length, at + piece), 0);
  return tokenizer;
}

function errorOf(run: () => void): SnapshotParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof SnapshotParseError) return error;
    throw error;
  }
  assert.fail('no error');
}

describe('values past 2^32', () => {
  for (const piece of [1000, 3]) {
    it(`the tokenizer reads them exactly (${piece === 3 ? 'cut across reads' : 'in one read'})`, () => {
      const tokenizer = tokenize('4294967296,9007199254740991,4899999993\n,0]', piece);
      assert.ok(tokenizer.done);
      assert.deepEqual([...tokenizer.values.subarray(0, tokenizer.count)], [2 ** 32, Number.MAX_SAFE_INTEGER, 4_899_999_993, 0]);
    });
  }

  it('past 2^53 - 1 the tokenizer says so, where the number starts', () => {
    for (const piece of [1000, 3]) {
      const error = errorOf(() => tokenize('1,90071992547409920]', piece));
      assert.equal(error.position, 2);
      assert.match(error.message, /number of 17 digits is past 2\^53 - 1, the largest read exactly in "edges"$/);
    }
  });

  it('an edge to_node past 2^32 is stored as its node ordinal', () => {
    const sink = new EdgeSectionSink(layout(3), 'huge.heapsnapshot');
    const tokenizer = tokenize(`1,5,${LAST},0,7,${2 ** 32 + 3},1,2,0]`);
    assert.equal(sink.take(tokenizer.values, tokenizer.count, tokenizer), 9);
    assert.deepEqual([...sink.columns.edgeToNode], [NODES - 1, (2 ** 32 + 3) / 7, 0]);
    assert.deepEqual([...sink.columns.edgeNameOrIndex], [5, 7, 2]);
    assert.equal(sink.maxName, 5, 'only property names count as string indexes');
  });

  const BAD_EDGES: [string, string, RegExp][] = [
    ['past the last node', `1,5,${LAST + 7}]`, new RegExp(`edge to_node ${LAST + 7} is beyond the last node \\(${LAST}\\)$`)],
    ['not the start of a node', `1,5,${2 ** 32}]`, new RegExp(`edge to_node ${2 ** 32} is not a multiple of node_fields \\(7\\)$`)],
    ['an element index past 32 bits', `0,${2 ** 32},7]`, new RegExp(`edge name_or_index ${2 ** 32} does not fit in 32 bits$`)],
  ];
  for (const [name, text, message] of BAD_EDGES) {
    it(`an edge ${name} is an error that names it and its byte`, () => {
      const sink = new EdgeSectionSink(layout(1), 'huge.heapsnapshot');
      const tokenizer = tokenize(text);
      const error = errorOf(() => sink.take(tokenizer.values, tokenizer.count, tokenizer));
      assert.match(error.message, message);
      const culprit = name.startsWith('an element') ? String(2 ** 32) : text.split(',')[2].replace(']', '');
      assert.equal(error.position, text.indexOf(culprit, name.startsWith('an element') ? 0 : 4));
    });
  }

  it('a location object_index past 2^32 is stored as its node ordinal; a line past 32 bits is an error', () => {
    const sink = new LocationSectionSink(layout(0), 'huge.heapsnapshot');
    const tokenizer = tokenize(`${LAST},3,10,4,${2 ** 32 + 3},3,11,5]`);
    assert.equal(sink.take(tokenizer.values, tokenizer.count, tokenizer), 8);
    const locations = sink.result();
    assert.deepEqual([...locations.nodeOrdinal], [NODES - 1, (2 ** 32 + 3) / 7]);
    assert.deepEqual([...locations.line], [10, 11]);
    const bad = tokenize(`0,3,${2 ** 32},4]`);
    const error = errorOf(() => new LocationSectionSink(layout(0), 'huge.heapsnapshot').take(bad.values, bad.count, bad));
    assert.match(error.message, new RegExp(`location line ${2 ** 32} does not fit in 32 bits$`));
    assert.equal(error.position, 4);
  });

  it('counts past what 32-bit ordinals index are refused by name; a root_index past 2^32 is read', () => {
    const header = (extra: object) => ({ ...layoutHeader(), ...extra });
    const error = errorOf(() => readSnapshotLayout(header({ node_count: 2 ** 32 - 1 }), 'huge.heapsnapshot', 9, 1e13));
    assert.match(error.message, /byte 9: snapshot\.node_count 4294967295 is past 4294967294, the most Heapscope can index \(32-bit ordinals\)$/);
    const edges = errorOf(() => readSnapshotLayout(header({ edge_count: 2 ** 33 }), 'huge.heapsnapshot', 9, 1e13));
    assert.match(edges.message, /snapshot\.edge_count 8589934592 is past 4294967294/);
    assert.equal(readSnapshotLayout(header({ root_index: LAST }), 'huge.heapsnapshot', 9, 1e13).meta.rootOrdinal, NODES - 1);
  });
});
