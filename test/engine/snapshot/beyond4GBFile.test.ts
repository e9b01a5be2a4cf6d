/**
 * A real file past 4 GB, end to end through the engine worker (parser, helper thread, graph):
 * written by the streaming generator in a temporary folder that is removed afterwards. Its bulk is
 * JSON whitespace between records (about every thousandth record is preceded by 5.7 MB of spaces),
 * so nodes, edges and strings sit at offsets past 2^32 while the graph stays small: the test
 * needs 4.6 GB of disk, not 4 GB of memory. Skipped, saying so, where the disk lacks the room.
 * About 30-60 s (writing and reading 4.6 GB).
 */
import assert from 'node:assert/strict';
import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDir } from '../../tempDir';
import { test } from 'node:test';
import { startEngineWorker } from '../../../src/engine/engineClient';
import { writeStreamedSnapshot } from './streamedSnapshot';
import { assertBuilt, distBundle } from '../../distBundle';

const WORKER = distBundle('engineWorker.js');
const NEEDED = 4.7e9;
const free = (() => {
  const s = statfsSync(tmpdir());
  return s.bavail * s.bsize;
})();

test('a 4.6 GB snapshot loads: offsets past 2^32 in nodes, edges and strings', {
  skip: free < NEEDED && `needs ${(NEEDED / 1e9).toFixed(1)} GB free in ${tmpdir()}, has ${(free / 1e9).toFixed(1)} GB`,
  timeout: 10 * 60_000,
}, async () => {
  assertBuilt(WORKER);
  const tmp = tempDir('4gb');
  const worker = startEngineWorker({ workerPath: WORKER });
  try {
    const file = join(tmp.dir, 'big.heapsnapshot');
    const objects = 200_000;
    const written = await writeStreamedSnapshot(file, 'chain', objects, { padBytes: 5_700_000, padEvery: 1000 });
    assert.ok(written.bytes > 2 ** 32 + 2 ** 28, `${written.bytes} bytes`);
    const info = await worker.remote.open({ file });
    assert.equal(info.fileSize, written.bytes);
    assert.equal(info.nodeCount, written.nodeCount);
    assert.equal(info.edgeCount, written.edgeCount);
    const summary = await worker.remote.summary({ handle: info.handle, top: 1 });
    // The generator's own count: every list item is 32 bytes, the global 64, four hub strings 24.
    const items = written.nodeCount - 7;
    const hubs = 4 * 24;
    assert.equal(summary.totalSize, 32 * items + 64 + hubs);
    // One list from the global: the dominator tree is one deep chain, all of it under the global;
    // the hubs hang below the first item (every item reaches them, all through it).
    assert.deepEqual(summary.top.map((t) => [t.name, t.retainedSize]), [['global', 32 * items + 64 + hubs]]);
    const item = summary.classes.find((c) => c.name === 'Item');
    assert.deepEqual(item && [item.count, item.selfSize, item.retainedSize], [items, 32 * items, 32 * items + hubs]);
  } finally {
    worker.dispose();
    tmp.remove();
  }
});
