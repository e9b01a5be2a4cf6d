import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClassIndex } from '../../../src/engine/analysis/classIndex';
import { buildHeapGraph } from '../../../src/engine/graph/buildHeapGraph';
import { computeDistances } from '../../../src/engine/graph/computeDistances';
import { sharedSnapshotOf } from '../../../src/engine/thread/sharedSnapshotOf';
import { ThreadSteps } from '../../../src/engine/thread/threadSteps';
import { GraphThreadApi } from '../../../src/engine/thread/graphThreadApi';
import { CallOptions } from '../../../src/protocol/rpc';
import { sharedUint32 } from '../../../src/engine/memory/sharedArrays';
import { startGraphThread } from '../../../src/engine/thread/startGraphThread';
import { StringMarks } from '../../../src/engine/graph/stringMarks';
import { resolveEdgeTypeIds, resolveNodeTypeIds } from '../../../src/engine/graph/typeIds';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { ParsedSnapshot } from '../../../src/engine/snapshot/parsedSnapshot';
import { LEAKY_APP, childSnapshots } from '../childSnapshots';
import { tempDir } from '../../tempDir';
import { SnapshotBuilder, parsedFromJson } from '../snapshotBuilder';
import { testGraphThread } from './testGraphThread';

const tmp = tempDir('graph-thread');
let parsed: ParsedSnapshot;
const thread = testGraphThread();

before(async () => {
  const [file] = await childSnapshots(`${LEAKY_APP}\ngrow(3000); snap();`, 1, tmp.dir);
  parsed = await parseSnapshotFile(file);
});
after(() => tmp.remove());

test('graph thread: distances computed there equal the ones computed here, on a real snapshot', async () => {
  const root = parsed.meta.rootOrdinal;
  const shared = sharedSnapshotOf(parsed, root);
  assert.ok(shared, 'the parser\'s columns are shared memory');
  const there = await thread().remote.distances({ ...shared, into: sharedUint32(parsed.nodeCount) });
  const here = await computeDistances(parsed, resolveNodeTypeIds(parsed.meta), resolveEdgeTypeIds(parsed.meta), new StringMarks(parsed.strings), root, {});
  assert.equal(there.length, parsed.nodeCount);
  assert.deepEqual(there, here);
});

test('graph thread: a build that hands steps to the thread gives the same graph', async () => {
  const alone = await buildHeapGraph(parsed);
  // The thread's remote, watched: what each call was given and what it returned.
  const calls = new Map<string, { params: unknown; result: Promise<unknown> }>();
  const remote = thread().remote;
  const watched = new Proxy(remote, {
    get: (target, key: keyof GraphThreadApi) => (params: never, options?: CallOptions) => {
      const result = (target[key] as (p: never, o?: CallOptions) => Promise<unknown>)(params, options);
      calls.set(key, { params, result });
      return result;
    },
  });
  const steps = ThreadSteps.start(watched, parsed, {});
  assert.ok(steps, 'the parser\'s columns are shared memory');
  const helped = await buildHeapGraph(parsed, { steps });
  const flags = (calls.get('pageObjects')?.params as { flags: Uint8Array }).flags;
  const pageObjects = calls.get('pageObjects')?.result as Promise<number>;
  const shallowSizes = calls.get('shallowSizes')?.result;
  const distances = calls.get('distances')?.result;
  const retainerEdges = calls.get('retainerEdges')?.result;
  assert.ok(retainerEdges, 'the build asked the thread for the retaining edges');
  // A real heap has objects outside the page objects whose edges into them the page rule drops
  // (here applied after the fill, as the thread marks them meanwhile).
  const pages = await pageObjects;
  assert.ok(pages > 0 && pages < parsed.nodeCount - 100, `${pages} page objects of ${parsed.nodeCount}`);
  // What the build used is what the thread computed: the same arrays, not copies.
  assert.equal(helped.nodeFlags, flags);
  assert.equal(helped.distance, await distances);
  assert.equal(helped.nodeSelfSize, await shallowSizes);
  assert.equal(helped.retainerEdge, await retainerEdges);
  // The page objects' stack and the shallow sizes' owners were kept in the distances' array, which
  // the distances then filled: no work memory of the thread's own (see ThreadSteps).
  const paramsOf = (step: string) => calls.get(step)?.params as { scratch?: Uint32Array; into?: Uint32Array };
  assert.equal(paramsOf('pageObjects').scratch, paramsOf('distances').into);
  assert.equal(paramsOf('shallowSizes').scratch, paramsOf('distances').into);
  assert.deepEqual(helped.nodeFlags, alone.nodeFlags);
  assert.deepEqual(helped.nodeSelfSize, alone.nodeSelfSize);
  assert.deepEqual(helped.firstRetainer, alone.firstRetainer);
  assert.deepEqual(helped.retainerEdge, alone.retainerEdge);
  assert.deepEqual(helped.distance, alone.distance);
  assert.deepEqual(helped.retainedSize, alone.retainedSize);
  assert.deepEqual(helped.dominator, alone.dominator);
});

test('graph thread: the class index built there equals the one built here', async () => {
  const shared = sharedSnapshotOf(parsed, parsed.meta.rootOrdinal);
  assert.ok(shared);
  const there = await thread().remote.classIndex({ ...shared, locations: parsed.locations, into: sharedUint32(parsed.nodeCount) });
  const here = await buildClassIndex(await buildHeapGraph(parsed), async () => {});
  assert.ok(here.names.length > 50, `${here.names.length} classes`);
  assert.deepEqual(there.names, here.names);
  assert.deepEqual(there.keys, here.keys);
  assert.deepEqual(there.definitions, here.definitions);
  assert.deepEqual(there.classOf, here.classOf);
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
  await assert.rejects(doomed.remote.distances({ ...shared, into: sharedUint32(parsed.nodeCount) }), /graph thread disposed/);
});
