import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressText } from '../../src/views/progressText';

test('progressText: percent of the phase, clamped, and no percent without a total', () => {
  const cases: [number, number, number, string][] = [
    [0, 100, 0, 'parsing — 0%'], [42, 100, 42, 'parsing — 42%'], [150, 100, 100, 'parsing — 100%'], [5, 0, 0, 'parsing'],
  ];
  for (const [done, total, percent, message] of cases) {
    assert.deepEqual(progressText({ phase: 'parsing', done, total }), { percent, message });
  }
});
