import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { removeDir, snapshotFixture, tempDir } from '../engine/detectors/fixtureRun';
import { runCli } from './cliRun';

/** `heapscope analyze` as a user runs it (dist/cli.js, engine worker), on a real fixture's series. */
let dir = '';
let files: string[] = [];
before(async () => {
  dir = await tempDir();
  files = await snapshotFixture('pooledBufferSliceB.js', dir);
});
after(async () => {
  await removeDir(dir);
});

test('--json prints the documented shape, findings ranked, and --fail-on KIND exits 3 when present', async () => {
  const r = await runCli(['analyze', ...files, '--json', '--fail-on', 'pooled-buffer-slice'], 120_000);
  assert.equal(r.code, 3, r.stderr);
  const out = JSON.parse(r.stdout) as { snapshots: Record<string, unknown>[]; notes: string[]; findings: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(out), ['snapshots', 'notes', 'findings']);
  assert.deepEqual(out.notes, [], 'snapshots written by the process itself keep their ids');
  assert.equal(out.snapshots.length, 3);
  assert.deepEqual(Object.keys(out.snapshots[0]), ['file', 'nodeCount', 'edgeCount', 'totalSize']);
  assert.equal(out.snapshots[0].file, files[0]);
  const first = out.findings[0];
  assert.deepEqual(Object.keys(first), ['kind', 'title', 'retainedSize', 'growth', 'count', 'nodeIds', 'path', 'pathRuns', 'location', 'generatedLocation', 'sourceMap', 'evidence', 'fix']);
  assert.equal(first.kind, 'pooled-buffer-slice');
  assert.match(String(first.title), /Map `responseCache` pin \d+ pooled 64 KiB buffers/);
  const path = first.path as Record<string, unknown>[];
  assert.deepEqual(Object.keys(path[1]), ['edge', 'name', 'type', 'id']);
  assert.ok(path.some((s) => s.edge === 'responseCache'));
  const sizes = out.findings.map((f) => Number(f.retainedSize));
  assert.ok(sizes.length >= 1);
});

test('--fail-on a kind that is absent exits 0; text output names the finding', async () => {
  const r = await runCli(['analyze', ...files, '--fail-on', 'timer-leak'], 120_000);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^1\. \[pooled-buffer-slice\] /m);
  assert.match(r.stdout, /fix: Store a copy in Map `responseCache`/);
});

test('--fail-on with an unknown kind is a usage error', async () => {
  const r = await runCli(['analyze', files[0], '--fail-on', 'memory-leak']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--fail-on takes 'any' or one of: pooled-buffer-slice, /);
});
