import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageCache, PageSlice } from '../../webview/pageCache';

/** A fake server list of `total` rows whose answers are released by hand. */
function server(total: number) {
  const calls: { offset: number; limit: number; release(): void; fail(message: string): void }[] = [];
  const fetcher = (offset: number, limit: number) =>
    new Promise<PageSlice<string>>((resolve, reject) => {
      const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_v, i) => `row ${offset + i}`);
      calls.push({ offset, limit, release: () => resolve({ total, offset, rows }), fail: (m) => reject(new Error(m)) });
    });
  return { calls, fetcher };
}

const tick = () => new Promise((r) => setImmediate(r));

test('rows load by page, once, and the table is told when they arrive', async () => {
  const s = server(100_000);
  let changes = 0;
  const cache = new PageCache(s.fetcher, () => changes++, 100);
  assert.equal(cache.get(250), undefined);
  assert.equal(cache.get(299), undefined);
  assert.equal(s.calls.length, 1, 'same page requested once');
  assert.deepEqual([s.calls[0].offset, s.calls[0].limit], [200, 100]);
  s.calls[0].release();
  await tick();
  assert.equal(changes, 1);
  assert.equal(cache.total, 100_000);
  assert.equal(cache.get(250), 'row 250');
});

test('an answer from before a reset is dropped', async () => {
  const s = server(1000);
  const cache = new PageCache(s.fetcher, () => undefined, 100);
  cache.get(0);
  cache.reset();
  cache.get(0);
  assert.equal(s.calls.length, 2);
  s.calls[0].release();
  await tick();
  assert.equal(cache.total, null, 'stale answer ignored');
  s.calls[1].release();
  await tick();
  assert.equal(cache.get(5), 'row 5');
});

test('least recently used pages are evicted past the cap', async () => {
  const s = server(100_000);
  const cache = new PageCache(s.fetcher, () => undefined, 10, 3);
  for (const i of [0, 10, 20]) {
    cache.get(i);
  }
  for (const c of s.calls) c.release();
  await tick();
  cache.get(0); // touch page 0
  cache.get(30);
  s.calls[3].release();
  await tick();
  assert.equal(cache.get(0), 'row 0');
  assert.equal(cache.get(30), 'row 30');
  const before = s.calls.length;
  assert.equal(cache.get(10), undefined, 'page 1 was the least recently used');
  assert.equal(s.calls.length, before + 1);
});

test('a failed page is reported and can be retried', async () => {
  const s = server(1000);
  const cache = new PageCache(s.fetcher, () => undefined, 100);
  cache.get(0);
  s.calls[0].fail('engine worker was killed');
  await tick();
  assert.equal(cache.error, 'engine worker was killed');
  cache.get(0);
  assert.equal(s.calls.length, 2);
});

test('prefetch asks for each missing page of a range', () => {
  const s = server(100_000);
  const cache = new PageCache(s.fetcher, () => undefined, 100);
  cache.prefetch(150, 420);
  assert.deepEqual(s.calls.map((c) => c.offset), [100, 200, 300, 400]);
});
