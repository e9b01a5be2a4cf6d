import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StringSectionScanner } from '../../../src/engine/snapshot/stringSectionScanner';
import { escapeNonAscii, TRICKY_STRINGS } from './trickySnapshots';

/**
 * Scans `["a","b",...]` (after the '[') with the given storage chunk size and window size; `fileSize`
 * picks the offsets' width (32-bit below 4 GB, doubles from there).
 */
function scan(strings: string[], storageChunk: number, window: number, escape: (s: string) => string = (s) => s, fileSize?: number) {
  const bytes = Buffer.from(`${escape(strings.map((s) => JSON.stringify(s)).join(',\n'))}]`);
  const scanner = new StringSectionScanner('strings.heapsnapshot', storageChunk, fileSize);
  let pos = 0;
  while (!scanner.done) {
    assert.ok(pos < bytes.length, 'scanner wants bytes past the end');
    pos = scanner.feed(bytes, pos, Math.min(bytes.length, pos + window), 0);
  }
  assert.equal(pos, bytes.length);
  return scanner.table();
}

describe('StringSectionScanner and its lazy string table', () => {
  const strings = [...TRICKY_STRINGS, 'y'.repeat(100), ...TRICKY_STRINGS.map((s) => s + '\u00e9')];
  for (const storageChunk of [1, 3, 16, 1 << 20]) {
    for (const [escaped, fileSize] of [[false, 4096], [true, 4096], [false, 2 ** 33], [true, 2 ** 33]] as const) {
      it(`${storageChunk}-byte storage chunks, ${escaped ? 'V8 \\u escapes' : 'raw UTF-8'}, ${fileSize < 2 ** 32 ? '32-bit' : 'double'} offsets`, () => {
        const table = scan(strings, storageChunk, 5, escaped ? escapeNonAscii : undefined, fileSize);
        assert.equal(table.count, strings.length);
        strings.forEach((s, i) => assert.equal(table.get(i), s, `string ${i}`));
        // Twice: the second read comes from the cache and must be the same.
        strings.forEach((s, i) => assert.equal(table.get(i), s, `cached string ${i}`));
        // The graph skips decoding names shorter than it looks for on this bound, so it must hold.
        strings.forEach((s, i) => assert.ok(table.maxLength(i) >= s.length, `maxLength of string ${i}`));
      });
    }
  }

  it('keeps offsets in 32 bits below 4 GB, in doubles from there', () => {
    // 2,000 strings: the offsets grow past their first 1,024 (the growth keeps the width).
    const many = Array.from({ length: 2000 }, (_, i) => `s${i}`);
    for (const fileSize of [1 << 20, 2 ** 33]) {
      const table = scan(many, 1 << 20, 4096, undefined, fileSize);
      many.forEach((s, i) => assert.equal(table.get(i), s));
      const offsets = (table as unknown as { offsets: unknown }).offsets;
      assert.ok(fileSize < 2 ** 32 ? offsets instanceof Uint32Array : offsets instanceof Float64Array, `${fileSize}-byte file`);
    }
  });

  it('an empty section', () => {
    const scanner = new StringSectionScanner('x', 64);
    assert.equal(scanner.feed(Buffer.from(' ]'), 0, 2, 0), 2);
    assert.ok(scanner.done);
    assert.equal(scanner.table().count, 0);
  });

  it('rejects non-integer and out-of-range indexes', () => {
    const table = scan(['a', 'b'], 64, 100);
    for (const bad of [-1, 2, 0.5, Number.NaN]) assert.throws(() => table.get(bad), RangeError, String(bad));
  });
});
