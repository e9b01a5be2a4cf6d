import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatDelta } from '../../src/views/formatBytes';
import { progressText } from '../../src/views/progressText';

test('formatBytes: decimal units, three significant digits', () => {
  const cases: [number, string][] = [
    [0, '0 B'], [999, '999 B'], [1000, '1.00 kB'], [8416, '8.42 kB'], [22_900_000, '22.9 MB'], [999_960, '1.00 MB'],
    [1_500_000_000, '1.50 GB'], [-2048, '-2.05 kB'],
  ];
  for (const [bytes, text] of cases) assert.equal(formatBytes(bytes), text, String(bytes));
  assert.equal(formatDelta(2048), '+2.05 kB');
  assert.equal(formatDelta(-2048), '-2.05 kB');
});

test('progressText: percent of the phase, clamped, and no percent without a total', () => {
  const cases: [number, number, number, string][] = [
    [0, 100, 0, 'parsing — 0%'], [42, 100, 42, 'parsing — 42%'], [150, 100, 100, 'parsing — 100%'], [5, 0, 0, 'parsing'],
  ];
  for (const [done, total, percent, message] of cases) {
    assert.deepEqual(progressText({ phase: 'parsing', done, total }), { percent, message });
  }
});
