import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHeapGraph } from '../../../src/engine/graph/buildHeapGraph';
import { computeDistances } from '../../../src/engine/graph/computeDistances';
import { sharedSnapshotOf } from '../../../src/engine/graph/sharedSnapshotOf';
import { GraphThread, startGraphThread } from '../../../src/engine/graph/startGraphThread';
import { StringMarks } from '../../../src/engine/graph/stringMarks';
import { resolveEdgeTypeIds, resolveNodeTypeIds } from '../../../src/engine/graph/typeIds';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { ParsedSnapshot } from '../../../src/engine/snapshot/parsedSnapshot';
import { LEAKY_APP, childSnapshots, tempDir } from '../childSnapshots';
import { SnapshotBuilder, parsedFromJson } from '../snapshotBuilder';

const tmp = tempDir('graph-thread');
let parsed: ParsedSnapshot;
let thread: GraphThread;

before(async () => {
  const [file] = await childSnapshots(`${LEAKY_APP}\ngrow(3000); snap();`, 1, tmp.dir);
  parsed = await parseSnapshotFile(file);
  const started = startGraphThread();
  assert.ok(started, 'the thread script is found when running from source');
  thread = started;
});
after(async () => {
  await thread?.dispose();
  tmp.remove();
});

test('graph thread: distances computed there equal the ones computed here, on a real snapshot', async () => {
  const root = parsed.meta.rootOrdinal;
  const shared = sharedSnapshotOf(parsed, root);
  assert.ok(shared, 'the parser\'s columns are shared memory');
  const there = await thread.remote.distances(shared);
  const here = await computeDistances(parsed, resolveNodeTypeIds(parsed.meta), resolveEdgeTypeIds(parsed.meta), new StringMarks(parsed.strings), root, {});
  assert.equal(there.length, parsed.nodeCount);
  assert.deepEqual(there, here);
});

test('graph thread: a build that hands distances to the thread gives the same graph', async () => {
  const alone = await buildHeapGraph(parsed);
  const helped = await buildHeapGraph(parsed, { thread: thread.remote });
  assert.deepEqual(helped.distance, alone.distance);
  assert.deepEqual(helped.retainedSize, alone.retainedSize);
  assert.deepEqual(helped.dominator, alone.dominator);
});

test('graph thread: columns that are not shared memory stay with the caller', () => {
  const b = new SnapshotBuilder();
  b.edge(b.root, b.node('object', 'A', 10), 'element', 0);
  assert.equal(sharedSnapshotOf(parsedFromJson(JSON.parse(b.toText())), 0), null);
});

test('graph thread: a call to a stopped thread fails at once with a clear error', async () => {
  const doomed = startGraphThread();
  assert.ok(doomed);
  await doomed.dispose();
  const shared = sharedSnapshotOf(parsed, parsed.meta.rootOrdinal);
  assert.ok(shared);
  await assert.rejects(doomed.remote.distances(shared), /graph thread disposed/);
});
