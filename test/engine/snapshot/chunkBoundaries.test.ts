import { after, describe, it } from 'node:test';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { parsedFromJson } from '../snapshotBuilder';
import { assertSameSnapshot } from './assertSameSnapshot';
import { tempDir } from '../../tempDir';
import { snapshotVariants } from './trickySnapshots';

const tmp = tempDir('chunks');
after(() => tmp.remove());

/**
 * With reads this small every token (numbers, escapes, \u sequences, multibyte characters, keys,
 * skipped values) is split at every possible point across reads.
 */
const CHUNK_SIZES = [1, 2, 3, 7, 13];
const VARIANTS = ['non-ASCII as \\u escapes', 'V8 layout', 'nodes, edges, locations before the header', 'unknown sections everywhere', 'pretty-printed'];

describe('parseSnapshotFile across chunk boundaries', () => {
  for (const variant of snapshotVariants().filter((v) => VARIANTS.includes(v.name))) {
    const file = tmp.file(`${variant.name.replace(/\W+/g, '_')}.heapsnapshot`, variant.text);
    const expected = parsedFromJson(variant.json);
    for (const chunkSize of CHUNK_SIZES) {
      it(`${variant.name}, ${chunkSize}-byte reads`, async () => {
        assertSameSnapshot(await parseSnapshotFile(file, { chunkSize }), expected, `${variant.name} @${chunkSize}`);
      });
    }
  }
});
