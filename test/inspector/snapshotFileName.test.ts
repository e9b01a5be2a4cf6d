import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotFileName } from '../../src/inspector/snapshotFileName';

const at = new Date('2026-11-24T17:33:01.456Z');

for (const { threadId, name } of [
  { threadId: undefined, name: 'heapscope-4242-20261124T173301Z-2.heapsnapshot' },
  { threadId: null, name: 'heapscope-4242-20261124T173301Z-2.heapsnapshot' },
  { threadId: 3, name: 'heapscope-4242-w3-20261124T173301Z-2.heapsnapshot' },
  { threadId: 0, name: 'heapscope-4242-w0-20261124T173301Z-2.heapsnapshot' },
]) {
  test(`snapshotFileName for thread ${threadId}: ${name}`, () => {
    assert.equal(snapshotFileName(4242, at, 2, threadId), name);
  });
}

test("a worker's snapshot never shares a name with the main thread's of the same moment", () => {
  assert.notEqual(snapshotFileName(4242, at, 1, 1), snapshotFileName(4242, at, 1));
  assert.notEqual(snapshotFileName(4242, at, 1, 1), snapshotFileName(4242, at, 1, 2));
});

test('a thread id that is not a number never reaches the path', () => {
  assert.throws(() => snapshotFileName(1, at, 1, Number.NaN), RangeError);
  assert.throws(() => snapshotFileName(1, at, 1, -1), RangeError);
  assert.throws(() => snapshotFileName(1, at, 1, 1.5), RangeError);
});
