import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { confirmPooledBuffers } from '../../../src/engine/detectors/confirmPooledBuffers';
import { InspectorSession, attach } from '../../../src/inspector/inspector';
import { CONTROL_FILE, FIXTURE_CASES } from './fixtureCases';
import { freePort } from '../../freePort';
import { tempDir } from '../../tempDir';
import { analyzeFiles, pathText } from './fixtureRun';
import { serveFixture, stopAllFixtures } from './servedFixture';

/**
 * The same fixtures, but running as servers and snapshotted from outside: Heapscope attaches to
 * the pid through the inspector and captures a snapshot after each of three rounds. For pooled
 * buffers, the live process then confirms the waste by reading the views' byteLength.
 */
const CASES = FIXTURE_CASES.filter((c) => ['pooledBufferSliceA.js', 'pooledBufferSliceB.js', 'longLivedClosure.js', 'closedClient.js'].includes(c.file));

describe('detectors on fixture programs captured through the inspector', { concurrency: 1 }, () => {
  const tmp = tempDir('fixtures');
  after(async () => {
    await stopAllFixtures();
    tmp.remove();
  });
  const dir = tmp.dir;

  const capture = async (file: string) => {
    // Its own inspector port: attaching switches the inspector on there, never on 9229, which
    // another process on the machine may hold.
    const target = await serveFixture(file, { nodeArgs: [`--inspect-port=${await freePort()}`] });
    // The fixture is stopped however the attach or a capture ends, so a failure cannot hang the run.
    let session: InspectorSession | undefined;
    try {
      session = await attach({ pid: target.pid });
      const files: string[] = [];
      for (let n = 1; n <= 3; n++) {
        await target.round();
        const out = join(dir, `${file}-${n}.heapsnapshot`);
        await session.capture({ file: out, gc: true });
        files.push(out);
      }
      const findings = await analyzeFiles(files);
      const attached = session;
      return await confirmPooledBuffers(findings, (ids) => attached.lookupBufferViews(ids));
    } finally {
      try {
        await session?.detach();
      } finally {
        await target.stop();
      }
    }
  };

  for (const c of CASES) {
    test(`${c.file}: ${c.kind} ranked first, path names ${c.pathNames}`, async () => {
      const findings = await capture(c.file);
      const first = findings[0];
      assert.ok(first, 'a finding');
      assert.equal(first.kind, c.kind, findings.map((f) => `${f.kind}: ${f.title}`).join(' | '));
      assert.ok(pathText(first).includes(c.pathNames), pathText(first));
      assert.ok(first.growth !== null && first.growth > 0);
      if (first.details?.kind === 'buffer') {
        const used = first.details.liveBytesUsed;
        assert.ok(used !== null && used > 0, 'confirmed live');
        assert.ok(used < (first.details.buffers * first.details.backingStoreSize) / 10, `most of the pinned bytes are waste: ${used}`);
        const size = first.details.backingStoreSize.toLocaleString('en-US');
        assert.match(first.title, new RegExp(`on average [\\d,]+ of ${size} bytes used per buffer$`));
      }
    });
  }

  test(`${CONTROL_FILE}: no finding`, async () => {
    const findings = await capture(CONTROL_FILE);
    assert.deepEqual(findings.map((f) => `${f.kind}: ${f.title}`), []);
  });
});
