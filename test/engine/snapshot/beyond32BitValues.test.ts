/**
 * Values past 2^32 without a file of over 613 M nodes (which would need tens of GB of RAM): the
 * tokenizer and the header's layout are driven directly. Every value Heapscope stores is 32-bit;
 * the one kind V8 could write past 2^32 (a node's position in `nodes`, as edges' to_node and
 * locations' object_index give it, in a snapshot of over 613 M nodes of 7 fields) is refused up
 * front by the layout with a clear error, and any other value past 2^32 where the tokenizer meets it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NumberArrayTokenizer } from '../../../src/engine/snapshot/numberArrayTokenizer';
import { parseErrorOf } from './parseErrorOf';
import { readSnapshotLayout } from '../../../src/engine/snapshot/snapshotLayout';

const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];

function header(nodeCount: number, edgeCount = 3, extra: object = {}) {
  return {
    meta: {
      node_fields: NODE_FIELDS,
      node_types: [['hidden', 'object'], 'string', 'number', 'number', 'number', 'number', 'number'],
      edge_fields: ['type', 'name_or_index', 'to_node'],
      edge_types: [['element', 'property'], 'string_or_number', 'node'],
    },
    node_count: nodeCount,
    edge_count: edgeCount,
    ...extra,
  };
}

/** The size bound on the counts is the file's: say it is big enough. */
const layoutOf = (h: unknown) => readSnapshotLayout(h, 'huge.heapsnapshot', 9, 1e13);

/** The numbers of `text` (after its '['), fed in pieces of `piece` bytes so some are cut. */
function tokenize(text: string, piece = text.length): NumberArrayTokenizer {
  const tokenizer = new NumberArrayTokenizer('huge.heapsnapshot', '"edges"');
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length && !tokenizer.done; at += piece) tokenizer.feed(bytes, at, Math.min(bytes.length, at + piece), 0);
  return tokenizer;
}

describe('values past 2^32', () => {
  for (const piece of [1000, 3]) {
    it(`the tokenizer reads 2^32 - 1 and refuses 2^32 where the number starts (${piece === 3 ? 'cut across reads' : 'in one read'})`, () => {
      const tokenizer = tokenize('4294967295,7]', piece);
      assert.deepEqual([...tokenizer.values.subarray(0, tokenizer.count)], [0xffffffff, 7]);
      const error = parseErrorOf(() => tokenize('1,4294967296,7]', piece));
      assert.equal(error.position, 2);
      assert.match(error.message, /number of 10 digits is larger than 32 bits in "edges"$/);
    });
  }

  it('the layout refuses node_count whose node positions pass 2^32, naming the most it reads', () => {
    const most = Math.floor(0xffffffff / 7) + 1;
    assert.equal(layoutOf(header(most)).nodeCount, most, 'the last node starts at a position below 2^32');
    const error = parseErrorOf(() => layoutOf(header(most + 1)));
    assert.equal(error.position, 9);
    assert.match(error.message, new RegExp(`snapshot\\.node_count ${most + 1} puts node positions \\(node × 7 fields\\) past 2\\^32, which Heapscope does not read: at most ${most} nodes of 7 fields$`));
    assert.ok(most > 613_000_000 && most < 614_000_000);
  });

  it('counts past what 32-bit ordinals index are refused by name', () => {
    const edges = parseErrorOf(() => layoutOf(header(10, 2 ** 33)));
    assert.match(edges.message, /snapshot\.edge_count 8589934592 is past 4294967294, the most Heapscope can index \(32-bit ordinals\)$/);
    const nodes = parseErrorOf(() => layoutOf(header(2 ** 32 - 1)));
    assert.match(nodes.message, /snapshot\.node_count 4294967295 is past 4294967294/);
  });
});
