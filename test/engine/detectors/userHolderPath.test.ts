import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { NodeIdIndex } from '../../../src/engine/analysis/nodeIdIndex';
import { Finding } from '../../../src/protocol/finding';
import { findingPath } from '../../../src/engine/detectors/findingPath';
import { runDetectors } from '../../../src/engine/detectors/runDetectors';
import { isUserScript } from '../../../src/engine/detectors/userHolderPath';
import { HeapGraph } from '../../../src/engine/graph/heapGraph';
import { tempDir } from '../../tempDir';
import { graphsOf, pathText, runFixtureSnapshots } from './fixtureRun';

const scripts: [string, boolean][] = [
  ['/srv/app/server.js', true],
  ['file:///srv/app/routes/products.mjs', true],
  ['node:internal/timers', false],
  ['node:events', false],
  ['/srv/app/node_modules/node-cache/lib/node_cache.js', false],
  ['C:\\srv\\app\\node_modules\\express\\lib\\router.js', false],
  ['', false],
];
for (const [url, user] of scripts) {
  test(`isUserScript(${JSON.stringify(url)}) is ${user}`, () => assert.equal(isUserScript(url), user));
}

/**
 * A real express server caching pages in node-cache with a check period (test/realworld/
 * programs/nodeCacheCheckperiod.js). The shortest path to the cache runs through node-cache's
 * own timer; the finding's path must go through the user's `responseCache` instead.
 */
const PROGRAM = join(__dirname, '..', '..', 'realworld', 'programs', 'nodeCacheCheckperiod.js');
const tmp = tempDir('fixtures');
let graphs: HeapGraph[] = [];
let truth = 0;
before(async () => {
  const reported = await runFixtureSnapshots(PROGRAM, tmp.dir, { node: process.execPath, timeoutMs: 120_000 });
  truth = reported[reported.length - 1].truth ?? -1;
  graphs = await graphsOf(reported.map((r) => r.snapshot));
});
after(() => tmp.remove());

test('node-cache with checkperiod: the path names the user\'s responseCache, not the library\'s timer', async () => {
  const findings: Finding[] = await runDetectors({ snapshots: graphs }, { checkpoint: async () => {} });
  const first = findings[0];
  assert.ok(first, 'a finding');
  assert.equal(first.kind, 'unbounded-collection', findings.map((f) => f.title).join(' | '));
  assert.equal(first.count, truth, 'entries, as the program counts its cache keys');
  assert.ok(pathText(first).includes('captured variable `responseCache`'), pathText(first));
  assert.ok(!first.path.some((s) => s.edge === 'timerListMap'), pathText(first));

  // Without the preference the shortest path is the library's timer: the case this guards.
  const last = graphs[graphs.length - 1];
  const target = new NodeIdIndex(last).ordinalOf(first.nodeIds[0]);
  const shortest = await findingPath(last, target, null, async () => {}, false);
  assert.ok(shortest.path.some((s) => s.edge === 'timerListMap'), shortest.path.map((s) => s.label).join(' / '));
  assert.ok(shortest.path.length < first.path.length);
});
