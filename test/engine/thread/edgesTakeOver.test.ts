import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { TAKE_OVER_SHARE } from '../../../src/engine/snapshot/edgesSplit';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { LEAKY_APP, childSnapshots } from '../childSnapshots';
import { assertSameSnapshot } from '../snapshot/assertSameSnapshot';
import { tempDir } from '../../tempDir';
import { snapshotVariants } from '../snapshot/trickySnapshots';
import { assertReadOnce, parseWithThread } from './parseWithThread';
import { testGraphThread } from './testGraphThread';

// The engine's thread takes over the end of the edges section from the helper thread (see
// EdgesHead): same columns as one thread, whatever the layout and read size. Bad input with a
// take-over is in edgesOnThread.test.ts, next to the same inputs without.

const tmp = tempDir('edges-take-over');
const thread = testGraphThread();
after(() => tmp.remove());

describe('parseSnapshotFile taking over the end of the edges from the helper thread', () => {
  it('takes over the end of real snapshots\' edges and reads them exactly as one thread does', { timeout: 120_000 }, async () => {
    const files = await childSnapshots(`${LEAKY_APP}\ngrow(2000); snap();`, 1, tmp.dir);
    for (const file of files) {
      const alone = await parseSnapshotFile(file);
      for (const chunkSize of [undefined, 4093, 65536]) {
        const label = `${file} ${chunkSize ?? 'default'}-byte reads`;
        const run = await parseWithThread(thread(), file, { chunkSize }, undefined, true);
        assert.equal(run.error, null, `${label}: ${run.error?.message}`);
        assert.ok(run.parsed);
        assert.deepEqual(run.limits, [true], `${label}: the thread agreed to stop`);
        assert.deepEqual(run.calls, ['ok, stopped'], `${label}: the thread read the edges up to the break`);
        assertReadOnce(run, statSync(file).size, label);
        assertSameSnapshot(run.parsed, alone, label);
      }
    }
  });

  const misaligned = (() => {
    // Every number of the edges on a line of its own, so "\n," breaks inside records too.
    const text = snapshotVariants()[0].text;
    const start = text.indexOf('"edges":[') + 9;
    const end = text.indexOf(']', start);
    return `${text.slice(0, start)}${text.slice(start, end).replace(/\n?,/g, '\n,')}${text.slice(end)}`;
  })();
  for (const variant of [...snapshotVariants(), { name: 'a line per number', text: misaligned }]) {
    for (const chunkSize of [1, 7, 4096]) {
      it(`${variant.name}, ${chunkSize}-byte reads, taking over the end: the same columns as one thread`, async () => {
        const file = tmp.file(`variant-${chunkSize}.heapsnapshot`, variant.text);
        const alone = await parseSnapshotFile(file, { chunkSize });
        const run = await parseWithThread(thread(), file, { chunkSize }, undefined, true);
        assert.equal(run.error, null, run.error?.message);
        assert.ok(run.parsed);
        assertSameSnapshot(run.parsed, alone, variant.name);
        const open = variant.text.indexOf('"edges"');
        if (variant.text.indexOf('"snapshot"') > open) {
          assert.deepEqual(run.calls, []);
          return;
        }
        // The thread starts when asked to give part of the section away (see parseWithThread): it
        // stops at the first "\n," past that point if there is one, else reads it all; a break
        // that is not between records (a line per number) fails its reading, and this thread
        // reads the file again alone.
        assert.deepEqual(run.limits, [true]);
        const start = variant.text.indexOf('[', open);
        const end = variant.text.indexOf(']', start) + 1;
        // Where the thread, not started yet, gives away the share of the whole section.
        const at = Math.floor(end - (end - start) * TAKE_OVER_SHARE);
        const breakAfterMiddle = variant.text.slice(at, end).includes('\n,');
        if (variant.name === 'a line per number') {
          // Whether the break past the middle is between records depends on where the middle is.
          assert.equal(run.calls.length, 1);
          if (run.calls[0] !== 'ok, stopped') assert.ok(['error', 'ECANCELLED'].includes(run.calls[0]), run.calls[0]);
          return;
        }
        assert.deepEqual(run.calls, [breakAfterMiddle ? 'ok, stopped' : 'ok']);
        assertReadOnce(run, Buffer.byteLength(variant.text), variant.name);
      });
    }
  }
});
