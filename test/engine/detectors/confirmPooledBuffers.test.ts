import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmPooledBuffers } from '../../../src/engine/detectors/confirmPooledBuffers';
import { LiveBufferView } from '../../../src/protocol/liveBufferViews';
import { Finding } from '../../../src/protocol/finding';

function pooledFinding(views: number, buffers: number, size: number): Finding {
  return {
    kind: 'pooled-buffer-slice', title: `${views} Buffers in Map \`responseCache\` pin ${buffers} pooled buffers`, retainedSize: buffers * size,
    growth: null, series: [buffers * size], count: views, nodeIds: Array.from({ length: views }, (_, i) => 1001 + 2 * i), path: [],
    holderId: 7, cutIndex: null, location: null, evidence: ['seen'], fix: 'copy',
    details: { kind: 'buffer', backingStoreSize: size, views, buffers, liveBytesUsed: null },
  };
}

test('the live byteLength of the views gives the waste per buffer; other kinds pass through', async () => {
  const asked: number[][] = [];
  const lookup = async (ids: readonly number[]) => {
    asked.push([...ids]);
    return new Map<number, LiveBufferView | null>(ids.map((id, i) => [id, i === 0 ? null : { byteOffset: 0, byteLength: 200, bufferByteLength: 65536 }]));
  };
  const other: Finding = { ...pooledFinding(1, 1, 1), kind: 'timer-leak', details: null };
  const [confirmed, untouched] = await confirmPooledBuffers([pooledFinding(10, 10, 65536), other], lookup);
  assert.equal(asked.length, 1, 'only pooled findings are looked up');
  assert.equal(confirmed.details?.kind === 'buffer' && confirmed.details.liveBytesUsed, 2000, '9 live views of 200 bytes, scaled to 10');
  assert.match(confirmed.title, /: on average 200 of 65,536 bytes used per buffer$/);
  assert.match(confirmed.evidence.at(-1)!, /use 2,000 of the 655,360 bytes their 10 buffers hold \(0\.3%\)/);
  assert.equal(untouched, other);
});

test('a sample spread over the views bounds the lookups', async () => {
  let asked: readonly number[] = [];
  const lookup = async (ids: readonly number[]) => {
    asked = ids;
    return new Map<number, LiveBufferView | null>(ids.map((id) => [id, { byteOffset: 8000, byteLength: 22, bufferByteLength: 8192 }]));
  };
  const [f] = await confirmPooledBuffers([pooledFinding(1200, 400, 8192)], lookup, 64);
  assert.equal(asked.length, 64);
  assert.ok(asked[63] > 1001 + 2 * 1100, 'the sample reaches the last views too');
  assert.match(f.title, /on average 66 of 8,192 bytes used per buffer$/);
});

test('views collected since the snapshot leave the finding unconfirmed', async () => {
  const [f] = await confirmPooledBuffers([pooledFinding(3, 3, 65536)], async (ids) => new Map(ids.map((id) => [id, null])));
  assert.equal(f.details?.kind === 'buffer' && f.details.liveBytesUsed, null);
  assert.match(f.evidence.at(-1)!, /could not be confirmed live/);
});
