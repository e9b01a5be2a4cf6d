/**
 * Offsets past 2^32 bytes, without a 4 GB file: the scanners take the window's file offset as a
 * parameter and the string table maps double offsets onto chunks, so both are driven directly with
 * offsets where 32-bit arithmetic would wrap.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChunkedStringTable } from '../../../src/engine/snapshot/chunkedStringTable';
import { JsonValueSkipper } from '../../../src/engine/snapshot/jsonValueSkipper';
import { NumberArrayTokenizer } from '../../../src/engine/snapshot/numberArrayTokenizer';
import { parseErrorOf } from './parseErrorOf';
import { StringSectionScanner } from '../../../src/engine/snapshot/stringSectionScanner';

const FAR = 2 ** 32 + 2 ** 31 + 12345; // 6 GiB and a bit

describe('offsets beyond 4 GB', () => {
  it('number positions and error positions are exact', () => {
    const tokenizer = new NumberArrayTokenizer('big.heapsnapshot', '"edges"');
    const bytes = Buffer.from('1,22,333\n,4444]');
    tokenizer.feed(bytes, 0, bytes.length, FAR);
    assert.deepEqual([0, 1, 2, 3].map((j) => tokenizer.positionOf(j)), [FAR, FAR + 2, FAR + 5, FAR + 10]);
    const error = parseErrorOf(() => new NumberArrayTokenizer('big.heapsnapshot', '"edges"').feed(Buffer.from('1,2x'), 0, 4, FAR));
    assert.equal(error.position, FAR + 3);
    assert.equal(error.message, `big.heapsnapshot: byte ${FAR + 3}: unexpected 'x', expected ',' or ']' in "edges"`);
  });

  it('a number cut by a window boundary keeps its start', () => {
    const tokenizer = new NumberArrayTokenizer('big.heapsnapshot', '"nodes"');
    const bytes = Buffer.from('7,123456]');
    tokenizer.feed(bytes, 0, 4, FAR);
    tokenizer.feed(bytes, 4, bytes.length, FAR);
    assert.deepEqual(Array.from(tokenizer.values.subarray(0, 2)), [7, 123456]);
    assert.deepEqual([0, 1].map((j) => tokenizer.positionOf(j)), [FAR, FAR + 2]);
  });

  it('string and skipped-section errors point past 4 GB', () => {
    const strings = parseErrorOf(() => new StringSectionScanner('big.heapsnapshot', 64).feed(Buffer.from('"a\\x"'), 0, 5, FAR));
    assert.equal(strings.position, FAR + 3);
    const skipper = new JsonValueSkipper('big.heapsnapshot');
    skipper.reset('"samples"');
    assert.equal(parseErrorOf(() => skipper.feed(Buffer.from('[1,}'), 0, 4, FAR)).position, FAR + 3);
  });

  it('the string table reads strings stored past 4 GB, including one across a chunk edge', () => {
    const chunkSize = 2 ** 31;
    // Chunks 0-2 are never read: only their indexes matter. Chunk 3 starts at 6 GiB.
    const chunk3 = Buffer.alloc(64);
    const chunk4 = Buffer.alloc(64);
    const unused = Buffer.alloc(0);
    chunk3.write('hello', 10);
    // "wor" at the very end of chunk 3 would need a 2 GiB buffer; stand in with a table whose chunk
    // size is small for the spanning case below.
    const base = 3 * chunkSize;
    const table = new ChunkedStringTable(1, [unused, unused, unused, chunk3, chunk4], chunkSize, Float64Array.of(base + 10, base + 15));
    assert.equal(table.get(0), 'hello');

    const small = 16;
    const a = Buffer.alloc(small);
    const b = Buffer.alloc(small);
    a.write('span', small - 4);
    b.write('ning\\u00e9', 0);
    const farChunks = 2 ** 29; // chunk index whose offsets exceed 2^32 * 2
    const chunks: Buffer[] = [];
    chunks[farChunks] = a;
    chunks[farChunks + 1] = b;
    const start = farChunks * small + small - 4;
    const spanning = new ChunkedStringTable(1, chunks, small, Float64Array.of(start, start + 4 + 10));
    assert.ok(start > 2 ** 32);
    assert.equal(spanning.get(0), 'spanningé');
  });
});
