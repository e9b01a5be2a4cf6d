import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { parsedFromJson } from '../snapshotBuilder';
import { assertSameSnapshot } from './assertSameSnapshot';
import { tempDir } from '../../tempDir';
import { SnapshotShape, writeStreamedSnapshot } from './streamedSnapshot';

const tmp = tempDir('streamed');
after(() => tmp.remove());

const SHAPES: SnapshotShape[] = ['tree', 'chain', 'indexed', 'fan', 'roots'];

test('the streaming generator writes valid snapshots of every shape, as JSON.parse reads them', async () => {
  for (const shape of SHAPES) {
    // Extra node fields: the parser finds V8's by name in meta and steps over the rest.
    for (const [label, padding] of [['plain', {}], ['padded', { padBytes: 7, padEvery: 3 }], ['extra-fields', { extraNodeFields: 40 }]] as const) {
      const file = `${tmp.dir}/${shape}-${label}.heapsnapshot`;
      const written = await writeStreamedSnapshot(file, shape, 2000, padding);
      const text = readFileSync(file, 'latin1');
      assert.equal(written.bytes, text.length, shape);
      const json = JSON.parse(text);
      assert.equal(json.snapshot.node_count, written.nodeCount, shape);
      assert.equal(json.edges.length / 3, written.edgeCount, `${shape}: edge_count matches the edges`);
      assertSameSnapshot(await parseSnapshotFile(file), parsedFromJson(json), shape);
    }
  }
});
