import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { ensureNodeBinary, OTHER_NODE_MAJORS } from '../../nodeBinaries';
import { HeapSnapshotJson, parsedFromJson } from '../snapshotBuilder';
import { assertSameSnapshot } from './assertSameSnapshot';
import { tempDir } from '../../tempDir';
import { writeRealSnapshot } from './writeRealSnapshot';

const tmp = tempDir('real');
after(() => tmp.remove());

const NODES: { label: string; binary: () => string }[] = [
  { label: `this node (${process.version})`, binary: () => process.execPath },
  ...OTHER_NODE_MAJORS.map((major) => ({ label: `node ${major}`, binary: () => ensureNodeBinary(major) })),
];

describe('parseSnapshotFile on real snapshots', () => {
  for (const { label, binary } of NODES) {
    it(`reads a snapshot written by ${label} exactly as JSON.parse does`, { timeout: 6 * 60_000 }, async () => {
      const file = writeRealSnapshot(binary(), `${tmp.dir}/${label.replace(/\W+/g, '_')}.heapsnapshot`);
      const json = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotJson;
      const parsed = await parseSnapshotFile(file);
      assertSameSnapshot(parsed, parsedFromJson(json), label);
      assert.ok(parsed.nodeCount > 10_000 && parsed.locations.count > 100, `${parsed.nodeCount} nodes, ${parsed.locations.count} locations`);
      // The program's own strings survive V8's \\u escaping. (Not astral ones: V8 writes U+1F600
      // as \\uF600, dropping the high bits, so JSON.parse and we both read U+F600.)
      const names = new Set(Array.from({ length: parsed.strings.count }, (_, i) => parsed.strings.get(i)));
      for (const literal of ['naïve', '東京', 'quote "x"', 'back\\slash', 'tab\tnew\nline']) {
        assert.ok(names.has(literal), JSON.stringify(literal));
      }
      // Small reads give the same result on real data too.
      assertSameSnapshot(await parseSnapshotFile(file, { chunkSize: 4093 }), parsed, `${label} 4093-byte chunks`);
    });
  }
});
