import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { CancelledError } from '../../../src/protocol/rpc';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { LEAKY_APP, childSnapshots } from '../childSnapshots';
import { assertReadOnce, parseWithThread } from './parseWithThread';
import { testGraphThread } from './testGraphThread';
import { EDGE_TYPES, HeapSnapshotJson, NODE_FIELDS, SnapshotBuilder, snapshotJsonToText } from '../snapshotBuilder';
import { assertSameSnapshot } from '../snapshot/assertSameSnapshot';
import { tempDir } from '../../tempDir';
import { snapshotVariants, textInOrder, trickyJson } from '../snapshot/trickySnapshots';

const tmp = tempDir('edges-thread');
const thread = testGraphThread();
after(() => tmp.remove());

describe('parseSnapshotFile with the edges read on the helper thread', () => {
  it('reads real snapshots exactly as one thread does, at several read sizes', { timeout: 120_000 }, async () => {
    const files = await childSnapshots(`${LEAKY_APP}\ngrow(2000); snap(); grow(4000); snap();`, 2, tmp.dir);
    for (const file of files) {
      const alone = await parseSnapshotFile(file);
      for (const chunkSize of [undefined, 4093, 65536]) {
        const label = `${file} ${chunkSize ?? 'default'}-byte reads`;
        const run = await parseWithThread(thread(), file, { chunkSize });
        assert.equal(run.error, null, `${label}: ${run.error?.message}`);
        assert.ok(run.parsed);
        assert.deepEqual(run.calls, ['ok'], `${label}: the thread read the edges`);
        assert.ok(run.threadBytes > 0, `${label}: the thread reported its progress`);
        assertReadOnce(run, statSync(file).size, label);
        assertSameSnapshot(run.parsed, alone, label);
      }
    }
  });

  it("a key V8 writes after the edges, found after another section, misleads the guess of the edges' end: caught, and read alone", async () => {
    // The guess (see guessEdgesEnd) lands on the end of the locations, which this thread would
    // then skip: the edges' real end does not match, so the file is read again on one thread.
    const json = trickyJson();
    assert.ok((json.locations ?? []).length > 0, 'the snapshot has locations');
    const text = textInOrder(json, ['snapshot', 'nodes', 'edges', 'locations', 'trace_function_infos', 'strings']);
    assert.ok(text.includes('],\n"trace_function_infos":'), 'the key follows the locations');
    const file = tmp.file('misleading.heapsnapshot', text);
    // Small reads, so each reading reports progress many times and a second one shows.
    const alone = await parseSnapshotFile(file, { chunkSize: 64 });
    const run = await parseWithThread(thread(), file, { chunkSize: 64 });
    assert.equal(run.error, null, run.error?.message);
    assert.ok(run.parsed);
    assert.deepEqual(run.calls, ['ok'], 'the thread read the edges');
    assert.ok(run.progress.some((p, i) => i > 0 && p < run.progress[i - 1]), 'the file was read again');
    assertSameSnapshot(run.parsed, alone, 'misleading');
  });

  for (const variant of snapshotVariants()) {
    for (const chunkSize of [1, 7, 4096]) {
      it(`${variant.name}, ${chunkSize}-byte reads: the same columns as one thread`, async () => {
        const file = tmp.file(`variant-${chunkSize}.heapsnapshot`, variant.text);
        const alone = await parseSnapshotFile(file, { chunkSize });
        const run = await parseWithThread(thread(), file, { chunkSize });
        assert.equal(run.error, null, run.error?.message);
        assert.ok(run.parsed);
        // Edges before the header are read later by this thread, as without one.
        const handedOver = variant.text.indexOf('"snapshot"') < variant.text.indexOf('"edges"');
        assert.deepEqual(run.calls, handedOver ? ['ok'] : []);
        assertReadOnce(run, Buffer.byteLength(variant.text), variant.name);
        assertSameSnapshot(run.parsed, alone, variant.name);
      });
    }
  }
});

/** The tricky snapshot's text after `change` edits a fresh copy of its JSON. */
function changed(change: (json: HeapSnapshotJson) => void): string {
  const json = trickyJson();
  change(json);
  return snapshotJsonToText(json);
}

const good = snapshotJsonToText(trickyJson());
const edgesAt = good.indexOf('"edges":');
const edgesEnd = good.indexOf(']', edgesAt);
const stringsAt = good.indexOf('"strings":');

/** Bad inputs: the error through the thread must be the one-thread error, byte for byte. */
const BAD: { name: string; text: string }[] = [
  { name: 'truncated inside the edges', text: good.slice(0, edgesAt + 40) },
  { name: 'truncated inside the strings', text: good.slice(0, stringsAt + 30) },
  { name: 'a letter inside the edges', text: `${good.slice(0, edgesAt + 30)}x${good.slice(edgesAt + 31)}` },
  { name: "the edges' ']' turned into ','", text: `${good.slice(0, edgesEnd)},${good.slice(edgesEnd + 1)}` },
  { name: "the edges' ']' removed", text: `${good.slice(0, edgesEnd)}${good.slice(edgesEnd + 1)}` },
  { name: 'to_node not at a node', text: changed((j) => { j.edges[2] += 1; }) },
  { name: 'an edge type beyond edge_types', text: changed((j) => { j.edges[3] = 99; }) },
  { name: 'one edge more than edge_count', text: changed((j) => { j.edges.push(1, 0, 0); }) },
  { name: 'an edge name beyond the strings', text: changed((j) => {
    const property = EDGE_TYPES.indexOf('property');
    const at = j.edges.findIndex((v, i) => i % 3 === 0 && v === property);
    j.edges[at + 1] = j.strings.length + 3;
  }) },
  { name: 'bad nodes and bad edges: the nodes come first', text: changed((j) => { j.nodes[0] = 99; j.edges[3] = 99; }) },
  { name: 'bad strings after good edges', text: `${good.slice(0, stringsAt + 14)}\u0001${good.slice(stringsAt + 15)}` },
];

describe('parseSnapshotFile with the edges on the helper thread: bad input', () => {
  for (const { name, text } of BAD) {
    for (const [chunkSize, takeOver] of [[undefined, false], [5, false], [undefined, true], [5, true]] as const) {
      it(`${name}${chunkSize ? `, ${chunkSize}-byte reads` : ''}${takeOver ? ', taking over the end' : ''}`, async () => {
        const file = tmp.file('bad.heapsnapshot', text);
        const expected = await parseSnapshotFile(file, { chunkSize }).then(() => null, (error: Error) => error);
        assert.ok(expected, 'the one-thread reading rejects it');
        const run = await parseWithThread(thread(), file, { chunkSize }, undefined, takeOver);
        assert.ok(run.error, 'rejected through the thread too');
        assert.equal(run.error.message, expected.message);
        assert.equal((run.error as { code?: string }).code, 'EPARSE');
      });
    }
  }

  it('seeded corruptions anywhere: the same outcome with and without the thread', async () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const bytes = Buffer.from(good);
    const junk = Buffer.from('0123456789,]["x{} \n');
    for (let i = 0; i < 60; i++) {
      const copy = Buffer.from(bytes);
      // Mostly inside the edges, where the two threads split the work.
      const at = random() < 0.7 ? edgesAt + Math.floor(random() * (edgesEnd + 2 - edgesAt)) : Math.floor(random() * copy.length);
      copy[at] = junk[Math.floor(random() * junk.length)];
      const file = tmp.file('seeded.heapsnapshot', copy);
      const alone = await parseSnapshotFile(file).then((parsed) => parsed, (error: Error) => error);
      // Every other one with the end of the edges taken over.
      const run = await parseWithThread(thread(), file, {}, undefined, i % 2 === 1);
      if (alone instanceof Error) assert.equal(run.error?.message, alone.message, `byte ${at}`);
      else {
        assert.equal(run.error, null, `byte ${at}: ${run.error?.message}`);
        assert.ok(run.parsed);
        assertSameSnapshot(run.parsed, alone, `byte ${at}`);
      }
    }
  });
});

describe('parseSnapshotFile with the edges on the helper thread: cancelling', () => {
  /**
   * One root owning `count` element edges to itself: an edges section of ~6 bytes an edge. The
   * builder writes the one-edge snapshot; its edge row is then repeated, which is all that differs.
   */
  function manyEdges(count: number): string {
    const b = new SnapshotBuilder();
    b.edge(b.root, b.root, 'element', 1);
    const json = b.toJson();
    json.snapshot.edge_count = count;
    json.nodes[NODE_FIELDS.indexOf('edge_count')] = count;
    const row = json.edges.join(',');
    json.edges = [];
    const text = snapshotJsonToText(json);
    const empty = '"edges":[]';
    assert.equal(text.split(empty).length, 2, 'one empty edges section to fill');
    return text.replace(empty, `"edges":[${`${row},`.repeat(count).slice(0, -1)}]`);
  }

  it('stops the thread promptly and throws CancelledError', { timeout: 60_000 }, async () => {
    const text = manyEdges(8_000_000);
    const file = tmp.file('many-edges.heapsnapshot', text);
    const sectionBytes = text.length - text.indexOf('"edges":');
    const controller = new AbortController();
    const run = await parseWithThread(thread(), file, { signal: controller.signal, chunkSize: 64 * 1024 }, () => controller.abort());
    assert.ok(run.error instanceof CancelledError, `${run.error?.message}`);
    assert.deepEqual(run.calls, ['ECANCELLED'], 'the thread\'s call ended cancelled, not done');
    assert.ok(run.threadBytes < sectionBytes, `the thread read ${run.threadBytes} of ${sectionBytes} bytes`);
    // And it is free for the next parse.
    const again = await parseWithThread(thread(), file, { chunkSize: 1 << 20 });
    assert.equal(again.error, null, again.error?.message);
    assert.deepEqual(again.calls, ['ok']);
    assert.equal(again.parsed?.edgeCount, 8_000_000);
  });
});
