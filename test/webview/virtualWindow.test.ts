import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SCROLL_PX, rowWindow, scrollToReveal, scrollTopFor, spacerHeight, topRowAt } from '../../webview/virtualWindow';

const base = { rowHeight: 22, viewportHeight: 440, overscan: 5 };

test('only the visible rows plus overscan are drawn, whatever the total', () => {
  const cases = [
    { total: 0, scrollTop: 0, first: 0, end: 0 },
    { total: 10, scrollTop: 0, first: 0, end: 10 },
    { total: 100_000, scrollTop: 0, first: 0, end: 26 },
    { total: 100_000, scrollTop: 22 * 50_000, first: 49_995, end: 50_026 },
    { total: 100_000, scrollTop: 22 * 100_000 - 440, first: 99_975, end: 100_000 },
  ];
  for (const c of cases) {
    const w = rowWindow({ ...base, total: c.total, scrollTop: c.scrollTop });
    assert.deepEqual([w.first, w.end], [c.first, c.end], JSON.stringify(c));
    assert.ok(w.end - w.first <= Math.ceil(base.viewportHeight / base.rowHeight) + 1 + 2 * base.overscan);
  }
});

test('uncompressed: rows are drawn exactly where they scroll to', () => {
  const w = rowWindow({ ...base, total: 100_000, scrollTop: 22 * 1234 + 7 });
  assert.equal(w.spacerHeight, 2_200_000);
  assert.equal(w.offsetY, w.first * 22);
  assert.equal(topRowAt(22 * 1234, 100_000, 22, 440), 1234);
});

test('past the browser height cap the spacer is compressed and the last row is reachable', () => {
  const total = 10_000_000;
  assert.equal(spacerHeight(total, 22), MAX_SCROLL_PX);
  const bottom = rowWindow({ ...base, total, scrollTop: MAX_SCROLL_PX - 440 });
  assert.equal(bottom.end, total);
  const middle = rowWindow({ ...base, total, scrollTop: (MAX_SCROLL_PX - 440) / 2 });
  assert.ok(Math.abs(middle.first + 5 - (total - 20) / 2) < 2, `middle first ${middle.first}`);
  // scrollTopFor inverts topRowAt.
  for (const row of [0, 1, 12345, 5_000_000, total - 20]) {
    const s = scrollTopFor(row, total, 22, 440);
    assert.ok(Math.abs(topRowAt(s, total, 22, 440) - row) < 1e-6, `row ${row}`);
  }
});

test('scrollToReveal scrolls only when the row is out of view', () => {
  const input = { total: 1000, rowHeight: 20, viewportHeight: 200, scrollTop: 400 };
  assert.equal(scrollToReveal(25, input), null);
  assert.equal(scrollToReveal(19, input), 380);
  assert.equal(scrollToReveal(30, input), 420);
});
