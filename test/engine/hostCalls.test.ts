/**
 * The calls the extension host makes so that it never analyses itself: confirming pooled-buffer
 * findings with the views the inspector read, and rendering the Markdown report. Through the real
 * worker bundle, as the extension starts it (npm test builds it first), and against the CLI's own
 * renderer for the report.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EngineWorker, startEngineWorker } from '../../src/engine/engineClient';
import { buildLeakReport } from '../../src/engine/report/leakReport';
import { markdownReport } from '../../src/engine/report/markdownReport';
import { Finding } from '../../src/protocol/finding';
import { BUFFER_VIEW_SAMPLE, LiveBufferViewEntry, bufferViewsToConfirm } from '../../src/protocol/liveBufferViews';
import { assertBuilt, distBundle } from '../distBundle';

const WORKER = distBundle('engineWorker.js');
let worker: EngineWorker;

before(() => {
  assertBuilt(WORKER);
  worker = startEngineWorker({ workerPath: WORKER });
});
after(() => worker.dispose());

function pooled(views: number, buffers: number, size: number, firstId = 1001): Finding {
  return {
    kind: 'pooled-buffer-slice', title: `${views} Buffers in Map \`responseCache\` pin ${buffers} buffers of 64 KiB`, retainedSize: buffers * size,
    growth: null, series: [buffers * size], count: views, nodeIds: Array.from({ length: views }, (_, i) => firstId + 2 * i), path: [],
    holderId: 7, cutIndex: null, location: { url: 'file:///repo/src/cache.js', line: 12, column: 5 }, evidence: ['seen'], fix: 'copy',
    details: { kind: 'buffer', backingStoreSize: size, views, buffers, liveBytesUsed: null },
  };
}

test('confirmPooledBuffers in the engine: fed the views the host read for the ids it was told to read', async () => {
  const big = pooled(1200, 400, 8192);
  const small = pooled(10, 10, 65536, 90001);
  const timer: Finding = { ...pooled(1, 1, 1), kind: 'timer-leak', details: null, nodeIds: [5] };
  const wanted = bufferViewsToConfirm([big, timer, small]);
  assert.equal(wanted.length, BUFFER_VIEW_SAMPLE + 10, 'a sample of the big finding, every view of the small one, none of the timer');
  assert.ok(!wanted.includes(5));
  // What the inspector would have read: the big finding's views use 22 of 8,192 bytes; of the
  // small one's, the first was collected since the snapshot and the rest use 200 of 65,536.
  const views: LiveBufferViewEntry[] = wanted.map((nodeId) =>
    nodeId === small.nodeIds[0] ? { nodeId, view: null }
      : small.nodeIds.includes(nodeId) ? { nodeId, view: { byteOffset: 0, byteLength: 200, bufferByteLength: 65536 } }
        : { nodeId, view: { byteOffset: 8000, byteLength: 22, bufferByteLength: 8192 } });
  const [b, t, s] = await worker.remote.confirmPooledBuffers({ findings: [big, timer, small], views });
  assert.match(b.title, /: on average 66 of 8,192 bytes used per buffer$/);
  assert.deepEqual(t, timer, 'other kinds come back unchanged');
  assert.equal(s.details?.kind === 'buffer' && s.details.liveBytesUsed, 2000, '9 live views of 200 bytes, scaled to 10');
  assert.match(s.evidence.at(-1)!, /use 2,000 of the 655,360 bytes their 10 buffers hold \(0\.3%\)/);

  const [gone] = await worker.remote.confirmPooledBuffers({ findings: [small], views: [] });
  assert.equal(gone.details?.kind === 'buffer' && gone.details.liveBytesUsed, null, 'views not sent count as collected');
  assert.match(gone.evidence.at(-1)!, /could not be confirmed live/);
});

test('markdownReport in the engine: the same text the CLI writes, locations relative to the source root', async () => {
  const findings = [pooled(10, 10, 65536)];
  const snapshots = [{ file: 'a.heapsnapshot', nodeCount: 1200, edgeCount: 5000, totalSize: 3_316_659 }];
  const text = await worker.remote.markdownReport({ snapshots, findings, sourceRoot: '/repo' });
  assert.equal(text, markdownReport(buildLeakReport({ snapshots, findings, baseline: null, failOn: null }), { sourceRoot: '/repo' }));
  assert.match(text, /^## Heapscope: 1 leak found\n/);
  assert.match(text, /last heap 3\.16 MiB in 1,200 objects/);
  assert.match(text, /src\/cache\.js:12:5/);
  assert.doesNotMatch(text, /\/repo\/src/);
});
