import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BREAK_CLOSED, BREAK_NONE, RecordBreak } from '../../../src/engine/snapshot/recordBreak';

/** Feeds `text` (at file offset `base`) to a finder in windows of `size` bytes, as a reading would. */
function findIn(text: string, from: number, size: number, base = 0): number {
  const bytes = Buffer.from(text);
  const finder = new RecordBreak(from);
  // Windows start where the reading is: at or before `from`, never past it.
  for (let start = Math.floor((from - base) / size) * size; start < bytes.length; start += size) {
    const window = bytes.subarray(start, Math.min(bytes.length, start + size));
    const found = finder.find(window, window.length, base + start);
    if (found !== BREAK_NONE) return found;
  }
  return BREAK_NONE;
}

describe('RecordBreak', () => {
  const cases: { name: string; text: string; from: number; expected: number }[] = [
    { name: 'the next line after `from`', text: '1,2,3\n,4,5,6\n,7,8,9]', from: 1, expected: 7 },
    { name: '`from` on the newline itself', text: '1,2,3\n,4,5,6]', from: 5, expected: 7 },
    { name: '`from` on the comma after a newline: the next break', text: '1,2,3\n,4,5,6\n,7]', from: 6, expected: 14 },
    { name: 'a newline before `from` does not count', text: '1\n,2\n,3]', from: 2, expected: 6 },
    { name: 'no break before the closing bracket', text: '1,2,3\n,4,5,6]', from: 7, expected: BREAK_CLOSED },
    { name: 'commas then newlines (pretty-printed) are no breaks', text: '[\n  1,\n  2,\n  3\n]', from: 1, expected: BREAK_CLOSED },
    { name: 'a newline, blanks, then a comma is no break', text: '1\n ,2\n,3]', from: 0, expected: 7 },
    { name: 'the text ends first', text: '1,2,3\n', from: 0, expected: BREAK_NONE },
  ];
  for (const { name, text, from, expected } of cases) {
    for (const size of [1, 2, 3, 5, 64]) {
      it(`${name}, ${size}-byte windows`, () => {
        assert.equal(findIn(text, from, size), expected);
        // At another file offset, the same break, moved with it.
        const base = 1000;
        assert.equal(findIn(text, from + base, size, base), expected < 0 ? expected : expected + base);
      });
    }
  }

  it('refuses a window that starts past where it has looked', () => {
    const finder = new RecordBreak(10);
    assert.throws(() => finder.find(Buffer.from('1,2'), 3, 11), /starts past 10/);
  });
});
