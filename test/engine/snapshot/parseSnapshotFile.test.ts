import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { CancelledError } from '../../../src/protocol/rpc';
import { parsedFromJson, SnapshotBuilder } from '../snapshotBuilder';
import { assertSameSnapshot } from './assertSameSnapshot';
import { tempDir } from '../../tempDir';
import { snapshotVariants, TRICKY_STRINGS } from './trickySnapshots';

const tmp = tempDir('parse');
after(() => tmp.remove());

describe('parseSnapshotFile round trip against parsedFromJson', () => {
  for (const variant of snapshotVariants()) {
    it(variant.name, async () => {
      const file = tmp.file(`${variant.name.replace(/\W+/g, '_')}.heapsnapshot`, variant.text);
      assertSameSnapshot(await parseSnapshotFile(file), parsedFromJson(variant.json), variant.name);
    });
  }

  it('decodes every tricky string exactly', async () => {
    const [variant] = snapshotVariants().filter((v) => v.name === 'non-ASCII as \\u escapes');
    const parsed = await parseSnapshotFile(tmp.file('escaped.heapsnapshot', variant.text));
    const all = Array.from({ length: parsed.strings.count }, (_, i) => parsed.strings.get(i));
    for (const s of TRICKY_STRINGS) assert.ok(all.includes(s), `missing ${JSON.stringify(s).slice(0, 40)}`);
    assert.throws(() => parsed.strings.get(parsed.strings.count), RangeError);
    assert.throws(() => parsed.strings.get(-1), RangeError);
  });

  it('reads root_index, detachedness and locations from the file', async () => {
    const b = new SnapshotBuilder();
    const fn = b.node('closure', 'leak', 32, { detachedness: 2 });
    b.edge(b.gcRoots(), fn, 'element', 1);
    b.location(fn, 7, 41, 9);
    const json = b.toJson();
    json.snapshot.root_index = 0;
    const parsed = await parseSnapshotFile(tmp.file('small.heapsnapshot', b.toText()));
    assert.equal(parsed.meta.rootOrdinal, 0);
    assert.equal(parsed.nodeDetachedness?.[fn], 2);
    assert.deepEqual(
      [parsed.locations.nodeOrdinal[0], parsed.locations.scriptId[0], parsed.locations.line[0], parsed.locations.column[0]],
      [fn, 7, 41, 9],
    );
    assert.equal(parsed.strings.get(parsed.nodeName[fn]), 'leak');
  });
});

describe('parseSnapshotFile progress and cancellation', () => {
  const big = (() => {
    // ~7 MB, so many chunks and at least one checkpoint.
    const b = new SnapshotBuilder();
    const gc = b.gcRoots();
    for (let i = 0; i < 200_000; i++) b.edge(gc, b.node('object', `o${i % 1000}`, 32), 'element', i);
    return b.toText();
  })();

  it('reports bytes done up to the file size, in order, and awaits checkpoints', async () => {
    const file = tmp.file('big.heapsnapshot', big);
    const seen: [number, number][] = [];
    let checkpoints = 0;
    await parseSnapshotFile(file, {
      chunkSize: 64 * 1024,
      onProgress: (done, total) => seen.push([done, total]),
      checkpoint: async () => {
        checkpoints++;
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const size = Buffer.byteLength(big);
    assert.ok(seen.length >= size / (64 * 1024), `${seen.length} progress events`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] >= seen[i - 1][0], 'monotonic');
    assert.deepEqual(seen[seen.length - 1], [size, size]);
    assert.ok(checkpoints >= 1, `${checkpoints} checkpoints`);
  });

  it('throws CancelledError when the signal is already aborted', async () => {
    const file = tmp.file('big.heapsnapshot', big);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(parseSnapshotFile(file, { signal: controller.signal }), CancelledError);
  });

  it('throws CancelledError when cancelled midway, and stops reading', async () => {
    const file = tmp.file('big.heapsnapshot', big);
    const controller = new AbortController();
    let after = 0;
    await assert.rejects(
      parseSnapshotFile(file, {
        chunkSize: 64 * 1024,
        signal: controller.signal,
        onProgress: (done) => {
          if (controller.signal.aborted) after++;
          if (done > 1_000_000) controller.abort();
        },
      }),
      (error: unknown) => error instanceof CancelledError && error.code === 'ECANCELLED',
    );
    assert.ok(after <= 1, `${after} chunks read after cancelling`);
  });
});
