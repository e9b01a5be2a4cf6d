import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { CONTROL_FILE, FIXTURE_CASES } from './fixtureCases';
import { tempDir } from '../../tempDir';
import { analyzeFiles, pathText, snapshotFixture } from './fixtureRun';

/**
 * Each leak fixture runs as a real Node process and writes three snapshots in-process
 * (v8.writeHeapSnapshot between rounds). The right kind must be found, ranked first, with a path
 * naming the container or variable; the control (every fix applied) must yield no finding.
 */
describe('detectors on fixture programs, snapshots written in-process', { concurrency: 2 }, () => {
  const tmp = tempDir('fixtures');
  const dir = tmp.dir;
  after(() => tmp.remove());

  for (const c of FIXTURE_CASES) {
    test(`${c.file}: ${c.kind} ranked first, path names ${c.pathNames}`, async () => {
      const files = await snapshotFixture(c.file, dir);
      assert.equal(files.length, 3);
      const findings = await analyzeFiles(files);
      assert.ok(findings.length > 0, `no finding for ${c.file}`);
      const first = findings[0];
      assert.equal(first.kind, c.kind, `ranked first: ${findings.map((f) => `${f.kind}: ${f.title}`).join(' | ')}`);
      assert.ok(pathText(first).includes(c.pathNames), `path of ${first.title}: ${pathText(first)}`);
      assert.ok(first.growth !== null && first.growth > 0, 'grows across the series');
      assert.equal(first.series.length, 3);
      assert.ok(first.series[0] < first.series[1] && first.series[1] < first.series[2], `series ${first.series}`);
      assert.ok(first.count > 0 && first.nodeIds.length > 0);
      assert.ok(first.evidence.length > 0 && first.fix.length > 0);
    });
  }

  test(`${CONTROL_FILE}: every fix applied, no finding`, async () => {
    const files = await snapshotFixture(CONTROL_FILE, dir);
    const findings = await analyzeFiles(files);
    assert.deepEqual(findings.map((f) => `${f.kind}: ${f.title}`), []);
  });
});
