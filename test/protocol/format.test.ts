import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatCount, formatCountDelta, formatDelta, plural } from '../../src/protocol/format';

test('formatBytes: binary units, at most three significant digits, no trailing zeros', () => {
  const cases: [number, string][] = [
    [0, '0 B'], [1, '1 B'], [640.4, '640 B'], [1023, '1023 B'], [1023.6, '1 KiB'], [1024, '1 KiB'], [1536, '1.5 KiB'],
    [8192, '8 KiB'], [8416, '8.22 KiB'], [65_536, '64 KiB'], [36_045, '35.2 KiB'], [1_840_928, '1.76 MiB'],
    [22_900_000, '21.8 MiB'], [126_000_000, '120 MiB'], [1_048_063, '1023 KiB'], [1_048_200, '1 MiB'], [1_500 * 2 ** 20, '1.46 GiB'],
    [5 * 2 ** 40, '5 TiB'], [3000 * 2 ** 40, '3000 TiB'], [-2048, '-2 KiB'], [-2560, '-2.5 KiB'], [-0.2, '0 B'],
  ];
  for (const [bytes, text] of cases) assert.equal(formatBytes(bytes), text, String(bytes));
});

test('formatDelta and formatCountDelta: a plus sign on growth only', () => {
  assert.deepEqual([2560, 0, -2560].map(formatDelta), ['+2.5 KiB', '0 B', '-2.5 KiB']);
  assert.deepEqual([1250, 0, -3].map(formatCountDelta), ['+1,250', '0', '-3']);
});

test('formatCount and plural: separators whatever the locale, whole numbers', () => {
  const cases: [number, string][] = [[0, '0'], [999, '999'], [1000, '1,000'], [3857.4, '3,857'], [-1_234_567, '-1,234,567'], [-0.3, '0']];
  for (const [n, text] of cases) assert.equal(formatCount(n), text, String(n));
  assert.equal(plural(1, 'Buffer'), '1 Buffer');
  assert.equal(plural(3857, 'Buffer'), '3,857 Buffers');
  assert.equal(plural(2, 'entry', 'entries'), '2 entries');
});
