/**
 * Our graph against Chrome DevTools' own heap snapshot worker (test/reference/): builder graphs,
 * random graphs, and real snapshots written by child Node processes. Every node must match.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SnapshotBuilder, parsedFromJson } from '../snapshotBuilder';
import { buildHeapGraph } from '../../../src/engine/graph/buildHeapGraph';
import { HeapGraph } from '../../../src/engine/graph/heapGraph';
import { ParsedSnapshot } from '../../../src/engine/snapshot/parsedSnapshot';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { OTHER_NODE_MAJORS, ensureNodeBinary } from '../../nodeBinaries';
import { loadWithDevTools } from '../../reference/devtoolsReference';
import { GRAPH_CASES } from './graphCases';
import { assertGraphEqualsDevTools } from './graphVsDevTools';
import { randomGraph } from './randomGraph';
import { tempDir } from '../../tempDir';
import { writeStreamedSnapshot } from '../snapshot/streamedSnapshot';

const tmp = tempDir('graph');
const dir = tmp.dir;
process.on('exit', () => tmp.remove());
let fileNo = 0;

async function compare(text: string): Promise<HeapGraph> {
  const file = join(dir, `g${fileNo++}.heapsnapshot`);
  writeFileSync(file, text);
  const ref = await loadWithDevTools(file);
  const g = await buildHeapGraph(parsedFromJson(JSON.parse(text)));
  assertGraphEqualsDevTools(g, ref);
  return g;
}

for (const c of GRAPH_CASES) {
  test(`devtools: ${c.name}`, async () => {
    const b = new SnapshotBuilder();
    c.build(b);
    await compare(b.toText());
  });
}

test('devtools: 40 random graphs with every edge type, orphans, islands and ephemerons', async () => {
  for (let seed = 1; seed <= 40; seed++) {
    await assert.doesNotReject(compare(randomGraph(seed, 20 + seed * 10).toText()), `seed ${seed}`);
  }
});

test('devtools: a 100 k-node chain', async () => {
  const b = new SnapshotBuilder();
  let prev = b.gcRoots();
  for (let i = 0; i < 100_000; i++) {
    const v = b.node(i % 3 ? 'object' : 'array', 'Link', 1 + (i % 5));
    b.edge(prev, v, 'property', 'next');
    prev = v;
  }
  await compare(b.toText());
});

// Node fields V8 does not write (one before its seven, the rest after): both read V8's by name
// from meta and step over the rest, as a snapshot of over 2^32 positions may be made with them.
for (const shape of ['chain', 'tree'] as const) {
  test(`devtools: a ${shape} whose nodes have 40 fields V8 does not write`, async () => {
    const file = join(dir, `extra${fileNo++}.heapsnapshot`);
    await writeStreamedSnapshot(file, shape, 5000, { extraNodeFields: 40 });
    const ref = await loadWithDevTools(file);
    const g = await buildHeapGraph(await parseSnapshotFile(file));
    assert.equal(g.nodeCount, 5000);
    assertGraphEqualsDevTools(g, ref);
  });
}

const FIXTURE = join(__dirname, 'fixtures', 'realisticHeap.js');
type Reader = (file: string) => Promise<ParsedSnapshot>;
const viaJson: Reader = async (file) => parsedFromJson(JSON.parse(readFileSync(file, 'utf8')));
const viaParser: Reader = (file) => parseSnapshotFile(file);
const REAL: { label: string; node: () => string; args: string[]; read: Reader }[] = [
  { label: 'Node 20, streaming parser', node: () => process.execPath, args: [], read: viaParser },
  { label: 'Node 20 --expose-gc, small young space, JSON.parse', node: () => process.execPath, args: ['--expose-gc', '--max-semi-space-size=1'], read: viaJson },
  ...OTHER_NODE_MAJORS.map((major) => ({ label: `Node ${major}, streaming parser`, node: () => ensureNodeBinary(major), args: [], read: viaParser })),
];
for (const { label, node, args, read } of REAL) {
  test(`devtools: real snapshot of a child Node process (${label})`, { timeout: 300_000 }, async () => {
    const file = join(dir, `real${fileNo++}.heapsnapshot`);
    execFileSync(node(), [...args, FIXTURE, file], { stdio: 'inherit', timeout: 60_000 });
    const ref = await loadWithDevTools(file);
    const g = await buildHeapGraph(await read(file));
    assert.ok(g.nodeCount > 20_000, `a real heap (${g.nodeCount} nodes)`);
    assertGraphEqualsDevTools(g, ref);
  });
}
