import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { edgesOnThread } from '../../../src/engine/thread/edgesOnThread';
import { startGraphThread } from '../../../src/engine/thread/startGraphThread';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { SnapshotParseError } from '../../../src/engine/snapshot/snapshotParseError';
import { parsedFromJson, SnapshotBuilder, snapshotJsonToText } from '../snapshotBuilder';
import { assertSameSnapshot } from './assertSameSnapshot';
import { tempDir } from '../../tempDir';
import { textInOrder, trickyJson } from './trickySnapshots';
import { writeRealSnapshot } from './writeRealSnapshot';

const tmp = tempDir('gzip');
after(() => tmp.remove());

async function parseError(file: string, chunkSize?: number): Promise<SnapshotParseError> {
  try {
    await parseSnapshotFile(file, { chunkSize });
  } catch (error) {
    assert.ok(error instanceof SnapshotParseError, String(error));
    return error;
  }
  return assert.fail(`${file} parsed`);
}

let real = '';
let realGz = '';
before(() => {
  real = writeRealSnapshot(process.execPath, `${tmp.dir}/real.heapsnapshot`);
  realGz = tmp.file('real.heapsnapshot.gz', gzipSync(readFileSync(real)));
});

describe('gzip snapshots', () => {
  it('a real snapshot gzipped reads exactly as the plain file, by name or by magic bytes, with or without the helper thread', async () => {
    const plain = await parseSnapshotFile(real);
    assertSameSnapshot(await parseSnapshotFile(realGz), plain, '.gz');
    assertSameSnapshot(await parseSnapshotFile(realGz, { chunkSize: 4093 }), plain, '.gz, 4093-byte chunks');
    // Named like a plain snapshot: the magic bytes decide.
    const disguised = tmp.file('disguised.heapsnapshot', readFileSync(realGz));
    const thread = startGraphThread();
    try {
      assertSameSnapshot(await parseSnapshotFile(disguised, { edgesHelper: thread ? edgesOnThread(thread) : undefined }), plain, 'disguised');
    } finally {
      await thread?.dispose();
    }
    // Concatenated members are one stream, as gunzip reads them.
    const bytes = readFileSync(real);
    const half = bytes.length >> 1;
    const members = tmp.file('members.heapsnapshot.gz', Buffer.concat([gzipSync(bytes.subarray(0, half)), gzipSync(bytes.subarray(half))]));
    assertSameSnapshot(await parseSnapshotFile(members), plain, 'two members');
  });

  it('progress runs on the compressed bytes, up to the file size, never backwards', async () => {
    const seen: [number, number][] = [];
    await parseSnapshotFile(realGz, { chunkSize: 64 * 1024, onProgress: (done, total) => seen.push([done, total]) });
    const size = readFileSync(realGz).length;
    assert.ok(seen.length > 3, `${seen.length} progress reports`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] >= seen[i - 1][0], `progress went back at ${i}`);
    assert.ok(seen.every(([, total]) => total === size));
    assert.deepEqual(seen.at(-1), [size, size]);
  });

  it('sections before the header are read again (the stream is inflated again from the start)', async () => {
    const json = trickyJson();
    const text = textInOrder(json, ['strings', 'edges', 'nodes', 'locations', 'snapshot']);
    const file = tmp.file('late-header.heapsnapshot.gz', gzipSync(text));
    assertSameSnapshot(await parseSnapshotFile(file, { chunkSize: 97 }), parsedFromJson(json), 'header last');
  });

  it('errors give the byte in the decompressed stream and say it was gzip, as the plain file gives it', async () => {
    const b = new SnapshotBuilder();
    const gc = b.gcRoots();
    b.edge(gc, b.node('object', 'Thing', 32), 'element', 1);
    const good = snapshotJsonToText(b.toJson());
    const cases = [
      `${good}x`,
      good.replace('"edges":[', '"edges":[q'),
      good.slice(0, -7),
      '[1,2,3]',
      good.replace('"nodes":[', '"nodes":[1e999,'),
    ];
    for (const [i, text] of cases.entries()) {
      const plain = await parseError(tmp.file(`bad-${i}.heapsnapshot`, text));
      const gzFile = tmp.file(`bad-${i}.heapsnapshot.gz`, gzipSync(text));
      for (const chunkSize of [undefined, 5]) {
        const zipped = await parseError(gzFile, chunkSize);
        assert.equal(zipped.message, plain.message.replace(plain.file, `${gzFile} (gzip, decompressed)`), `case ${i}`);
        assert.equal(zipped.position, plain.position, `case ${i}`);
      }
    }
  });

  it('a truncated .gz says the gzip stream ends early, at a byte within what was inflated', async () => {
    const whole = readFileSync(realGz);
    const decompressed = readFileSync(real).length;
    for (const cut of [11, 200, whole.length >> 1, whole.length - 9]) {
      const file = tmp.file(`cut-${cut}.heapsnapshot.gz`, whole.subarray(0, cut));
      const error = await parseError(file);
      assert.match(error.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(gzip, decompressed\\): byte \\d+: the gzip stream ends early`));
      assert.ok(error.position >= 0 && error.position <= decompressed, `cut ${cut}: byte ${error.position}`);
      if (cut > 1000) assert.ok(error.position > 0, `cut ${cut}: bytes before the cut were inflated`);
    }
  });

  it('gzip of garbage is not a snapshot; garbage after the magic bytes is not gzip', async () => {
    const garbage = randomBytes(300_000);
    garbage[0] = 0x71; // 'q': not '{'
    const ofGarbage = tmp.file('garbage.heapsnapshot.gz', gzipSync(garbage));
    assert.match((await parseError(ofGarbage)).message, / \(gzip, decompressed\): byte 0: unexpected 'q', expected '\{': not a V8 heap snapshot$/);
    const fake = tmp.file('fake.heapsnapshot.gz', Buffer.concat([Buffer.from([0x1f, 0x8b]), garbage]));
    const error = await parseError(fake);
    assert.match(error.message, / \(gzip, decompressed\): byte 0: not valid gzip data: /);
    // Two magic bytes and nothing else.
    writeFileSync(`${tmp.dir}/magic-only.gz`, Buffer.from([0x1f, 0x8b]));
    assert.match((await parseError(`${tmp.dir}/magic-only.gz`)).message, /byte 0: the gzip stream ends early/);
  });
});
