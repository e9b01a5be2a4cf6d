import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GrowthTrigger } from '../../src/inspector/inspector';

const MB = 1e6;
const rule = { growBytes: 10 * MB, windowMs: 5000, cooldownMs: 20_000 };

/** heapUsed in MB at one sample per second (external 0); the index of each sample where it fires. */
function firings(series: number[], trigger = new GrowthTrigger(rule)): number[] {
  const fired: number[] = [];
  series.forEach((mb, i) => {
    if (trigger.add({ time: i * 1000, heapUsed: mb * MB, external: 0 })) {
      fired.push(i);
      trigger.captured(i * 1000);
    }
  });
  return fired;
}

const cases: { name: string; series: number[]; fired: number[] }[] = [
  { name: 'flat never fires', series: Array(60).fill(50), fired: [] },
  // A GC sawtooth of 40 MB swings, its lows back at 50: peaks are not growth.
  { name: 'sawtooth with flat lows never fires', series: Array.from({ length: 60 }, (_, i) => 50 + (i % 4) * 13), fired: [] },
  // 3 MB/s: the window (4..8] is all ≥ 12 MB above sample 0 at 8 s; quiet until 28 s, new baseline at 28, fires again at 36.
  { name: 'steady growth fires, then once per cooldown', series: Array.from({ length: 40 }, (_, i) => 50 + 3 * i), fired: [8, 36] },
  // One spike of 30 MB that comes back down is not persistent growth.
  { name: 'a spike that falls back never fires', series: [50, 50, 50, 50, 50, 50, 80, 80, 80, 50, 50, 50, 50, 50, 50, 50], fired: [] },
  // A step up of 12 MB that stays: fires once the whole window stayed above.
  { name: 'a step that stays fires after the window', series: [...Array(6).fill(50), ...Array(10).fill(62)], fired: [10] },
  // A step of 8 MB stays under the threshold.
  { name: 'a step under the threshold never fires', series: [...Array(6).fill(50), ...Array(20).fill(58)], fired: [] },
];

for (const c of cases) {
  test(`GrowthTrigger: ${c.name}`, () => {
    assert.deepEqual(firings(c.series), c.fired);
  });
}

test('GrowthTrigger counts external memory (Buffers) with the heap', () => {
  const trigger = new GrowthTrigger(rule);
  const fired = Array.from({ length: 12 }, (_, i) => trigger.add({ time: i * 1000, heapUsed: 50 * MB, external: (i < 5 ? 0 : 20) * MB }));
  assert.equal(fired.indexOf(true), 9);
});
