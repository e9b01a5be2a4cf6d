import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { closedClientDetector } from '../../../src/engine/detectors/closedClientDetector';
import { Detector } from '../../../src/engine/detectors/detector';
import { listenerLeakDetector } from '../../../src/engine/detectors/listenerLeakDetector';
import { longLivedClosureDetector } from '../../../src/engine/detectors/longLivedClosureDetector';
import { openHandleDetector } from '../../../src/engine/detectors/openHandleDetector';
import { pendingPromiseDetector } from '../../../src/engine/detectors/pendingPromiseDetector';
import { pooledBufferSliceDetector } from '../../../src/engine/detectors/pooledBufferSliceDetector';
import { requestScopedRetentionDetector } from '../../../src/engine/detectors/requestScopedRetentionDetector';
import { runDetectors } from '../../../src/engine/detectors/runDetectors';
import { timerLeakDetector } from '../../../src/engine/detectors/timerLeakDetector';
import { unboundedCollectionDetector } from '../../../src/engine/detectors/unboundedCollectionDetector';
import { graphOf } from '../analysis/builderGraph';
import { appPool, closures, loneViews, metricLabels, slicesOfSeveralSizes, growingMap, listeners, requests, responses, slabs, sockets, suspended, timers } from './leakHeaps';
import { HeapShapes } from './heapShapes';
import { tempDir } from '../../tempDir';

const tmp = tempDir('rules');
const dir = tmp.dir;
after(() => tmp.remove());

/** A script file for closure source checks, as the target process would have it on disk. */
function script(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const TRAP_SOURCE = script('trap.js', 'function start(jobId) {\n  const rows = load();\n  use(() => rows.length);\n  const onCancel = () => `cancel ${jobId}`;\n}\n');
const USED_SOURCE = script('used.js', 'function start(jobId) {\n  const rows = load();\n  const onCancel = () => rows.length + jobId;\n}\n');

/** Builds the heap of round `n` (1-based). */
type Build = (n: number) => HeapShapes;

interface RuleCase {
  name: string;
  detector: Detector;
  rounds: number;
  build: Build;
  /** Expected title of the detector's single finding, or null for none. */
  title: RegExp | null;
  check?: (finding: Awaited<ReturnType<Detector['detect']>>[number]) => void;
}

const CASES: RuleCase[] = [
  { name: 'retired sparse slabs in a Map', detector: pooledBufferSliceDetector, rounds: 1, build: () => slabs(12, 2), title: /^24 Buffers in Map `etagCache` pin 12 retired 8 KiB pool slabs$/ },
  { name: 'slabs growing over a series', detector: pooledBufferSliceDetector, rounds: 3, build: (n) => slabs(3 * n, 1), title: /^9 Buffers in Map `etagCache` pin 9 retired 8 KiB pool slabs$/,
    check: (f) => assert.deepEqual(f.series, [3, 6, 9].map((k) => k * (8192 + 88 + 96))) },
  { name: 'densely used slabs are not waste', detector: pooledBufferSliceDetector, rounds: 1, build: () => slabs(12, 40), title: null },
  { name: 'the current pool slab is not retired', detector: pooledBufferSliceDetector, rounds: 1, build: () => slabs(1, 1, true), title: null },
  { name: 'app pool buffers sliced into a cache and shared with the pool', detector: pooledBufferSliceDetector, rounds: 1, build: () => appPool(4, 2, true),
    title: /^8 Buffers in Map `responseCache` pin 6 buffers of 64 KiB, 2 also viewed from Array `free`$/,
    check: (f) => {
      assert.ok(f.evidence.some((e) => e.includes('also viewed from Array `free`: both see the same bytes')));
      assert.ok(!f.evidence.some((e) => /reused|alias/.test(e)), 'nothing in the heap shows a reuse');
    } },
  { name: 'slices of buffers of several sizes are one group, every view counted', detector: pooledBufferSliceDetector, rounds: 1, build: () => slicesOfSeveralSizes(8, 3),
    title: /^24 Buffers in Map `frameCache` pin 8 buffers of 16 KiB to 64 KiB \(median 48 KiB\)$/,
    check: (f) => assert.ok(!f.evidence.some((e) => /reused|alias/.test(e))) },
  { name: 'retired slabs of a 64 KiB pool (Node 26): the size is read from the heap', detector: pooledBufferSliceDetector, rounds: 1, build: () => slabs(12, 2, true, 65536),
    title: /^24 Buffers in Map `etagCache` pin 11 retired 64 KiB pool slabs$/,
    check: (f) => {
      assert.ok(f.evidence.some((e) => e.includes('under 32 KiB (half of `Buffer.poolSize`, 64 KiB here)')));
      assert.ok(f.evidence.some((e) => e.includes('keeps 22 Buffers that are views into those slabs') && e.includes('2 views into the current slab')), 'the views in the current slab count too');
    } },
  { name: 'lone views of socket-sized chunks multiplying', detector: pooledBufferSliceDetector, rounds: 3, build: (n) => loneViews(40 * n, [35_000, 36_000]),
    title: /^120 Buffers in Map `lastStatusByDevice`, each the only view of its own ArrayBuffer of about 35\.2 KiB$/,
    check: (f) => {
      assert.ok(f.evidence.some((e) => e.includes('likely, not proven')));
      assert.ok(!f.evidence.some((e) => /pooled|reused|alias/.test(e)), 'a lone view is not called pooled');
      assert.match(f.fix, /Buffer\.from\(view\)/);
    } },
  { name: 'a few lone views, one snapshot, are not enough', detector: pooledBufferSliceDetector, rounds: 1, build: () => loneViews(20, [35_000]), title: null },
  { name: 'lone views that do not multiply are not reported', detector: pooledBufferSliceDetector, rounds: 3, build: () => loneViews(40, [35_000]), title: null },
  { name: 'whole 64 KiB buffers, one view each, are not slices', detector: pooledBufferSliceDetector, rounds: 1, build: () => appPool(6, 0, false), title: null },
  { name: 'closure kept in a registry, variable unused: the shared-context trap', detector: longLivedClosureDetector, rounds: 1, build: () => closures(4, TRAP_SOURCE, 100_000),
    title: /^4 closures `onCancel` in Map `cancelHandlers` keep `rows` alive \(\d+ KiB\) without using it$/,
    check: (f) => {
      assert.ok(f.evidence.some((e) => e.includes("V8's shared-context trap")));
      assert.deepEqual(f.location, { url: TRAP_SOURCE, line: 4, column: 20 });
      assert.equal(f.details?.kind === 'closure' && f.details.captured.find((c) => c.name === 'rows')?.usedBySource, false);
    } },
  { name: 'closures that use their big variable, multiplying', detector: longLivedClosureDetector, rounds: 3, build: (n) => closures(2 * n, USED_SOURCE, 100_000),
    title: /^6 closures `onCancel` in Map `cancelHandlers` keep `rows` alive \(\d+ KiB\)$/,
    check: (f) => assert.ok(!f.evidence.some((e) => e.includes('trap'))) },
  { name: 'closures that use their big variable, one snapshot', detector: longLivedClosureDetector, rounds: 1, build: () => closures(4, USED_SOURCE, 100_000), title: null },
  { name: 'closures that use their big variable, not multiplying', detector: longLivedClosureDetector, rounds: 3, build: () => closures(4, USED_SOURCE, 100_000), title: null },
  { name: 'small closures are not reported', detector: longLivedClosureDetector, rounds: 1, build: () => closures(4, TRAP_SOURCE, 1000), title: null },
  { name: 'Map growing at every snapshot', detector: unboundedCollectionDetector, rounds: 3, build: (n) => growingMap(20 * n),
    title: /^Map `storageClients` grows without bound: 60 entries \(\+20 per snapshot\)$/ },
  { name: 'a metric labelled by raw URL: exact count (no prototype), fix by route template', detector: unboundedCollectionDetector, rounds: 3, build: (n) => metricLabels(40 * n),
    title: /^object `hashMap` of Counter grows without bound: 120 entries \(\+40 per snapshot\)$/,
    check: (f) => {
      assert.equal(f.count, 120);
      assert.match(f.fix, /route template/);
    } },
  { name: 'a cache that plateaus', detector: unboundedCollectionDetector, rounds: 3, build: () => growingMap(60), title: null },
  { name: 'one snapshot cannot show growth', detector: unboundedCollectionDetector, rounds: 1, build: () => growingMap(60), title: null },
  { name: 'more than 10 listeners for one event', detector: listenerLeakDetector, rounds: 1, build: () => listeners(15),
    title: /^15 `reload` listeners \(`onConfigReload`\) added to EventEmitter `configBus` and never removed$/ },
  { name: '10 listeners are fine', detector: listenerLeakDetector, rounds: 1, build: () => listeners(10), title: null },
  { name: 'listeners stable across a series', detector: listenerLeakDetector, rounds: 3, build: () => listeners(15), title: null },
  { name: 'many live timers of one callback', detector: timerLeakDetector, rounds: 1, build: () => timers(60, 'false'), title: /^60 intervals running `sendHeartbeat` never cleared$/ },
  { name: 'timers growing over a series', detector: timerLeakDetector, rounds: 3, build: (n) => timers(10 * n, 'false'), title: /^30 intervals running `sendHeartbeat` never cleared$/ },
  { name: 'destroyed timers are not running', detector: timerLeakDetector, rounds: 1, build: () => timers(60, 'true'), title: null },
  { name: 'suspended async functions', detector: pendingPromiseDetector, rounds: 3, build: (n) => suspended(10 * n),
    title: /^30 calls of `handleLookup` wait forever on promises never settled \(held by Map `pending`\)$/ },
  { name: 'few suspended calls in one snapshot', detector: pendingPromiseDetector, rounds: 1, build: () => suspended(10), title: null },
  { name: 'destroyed, unfinished responses held by the app', detector: closedClientDetector, rounds: 1, build: () => responses(6, 'false'),
    title: /^6 closed clients \(ServerResponse, connection gone\) still held by Array `subscribers`$/ },
  { name: 'finished responses are not closed clients', detector: closedClientDetector, rounds: 1, build: () => responses(6, 'true'), title: null },
  { name: 'open sockets growing', detector: openHandleDetector, rounds: 3, build: (n) => sockets(5 * n), title: /^15 open TCP sockets, 5 more at every snapshot: opened and never closed$/ },
  { name: 'open sockets in one snapshot', detector: openHandleDetector, rounds: 1, build: () => sockets(50), title: null },
  { name: 'finished requests kept with their bodies', detector: requestScopedRetentionDetector, rounds: 1, build: () => requests(12, 'true'),
    title: /^12 finished requests kept by Array `auditTrail` with their data$/ },
  { name: 'requests still being read', detector: requestScopedRetentionDetector, rounds: 1, build: () => requests(12, 'false'), title: null },
];

const noPause = { checkpoint: async () => {} };

for (const c of CASES) {
  test(`${c.detector.kind}: ${c.name}`, async () => {
    const graphs = [];
    for (let n = 1; n <= c.rounds; n++) graphs.push(await graphOf(c.build(n).b));
    const findings = await c.detector.detect({ snapshots: graphs }, noPause);
    if (c.title === null) {
      assert.deepEqual(findings.map((f) => f.title), []);
      return;
    }
    assert.equal(findings.length, 1, findings.map((f) => f.title).join(' | '));
    const [f] = findings;
    assert.equal(f.kind, c.detector.kind);
    assert.match(f.title, c.title);
    assert.ok(f.path.length > 1 && f.path[0].type === 'root', 'a path from a root');
    assert.equal(f.growth === null, c.rounds === 1);
    c.check?.(f);
  });
}

test('ranking: listeners also seen as closures and as a growing array give one listener-leak finding', async () => {
  const graphs = [];
  for (let n = 1; n <= 3; n++) graphs.push(await graphOf(listeners(20 * n).b));
  const findings = await runDetectors({ snapshots: graphs }, noPause, [unboundedCollectionDetector, longLivedClosureDetector, listenerLeakDetector]);
  assert.deepEqual(findings.map((f) => f.kind), ['listener-leak']);
});

test('ranking: a pooled-buffer cache is not also an unbounded collection; larger findings first', async () => {
  const build = (n: number) => {
    const h = slabs(10 * n, 1);
    const m = h.map('storageClients', 50_000_001);
    for (let i = 0; i < 20 * n; i++) m.set(h.blob(2048, 'StorageClient'));
    return h;
  };
  const graphs = [];
  for (let n = 1; n <= 3; n++) graphs.push(await graphOf(build(n).b));
  const findings = await runDetectors({ snapshots: graphs }, noPause);
  assert.deepEqual(findings.map((f) => [f.kind, f.title.split(':')[0]]), [
    ['pooled-buffer-slice', '30 Buffers in Map `etagCache` pin 30 retired 8 KiB pool slabs'],
    ['unbounded-collection', 'Map `storageClients` grows without bound'],
  ]);
});
