import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { snapshotFixture } from '../engine/detectors/fixtureRun';
import { tempDir } from '../tempDir';
import { runCli } from './cliRun';

/** `heapscope analyze` as a user runs it (dist/cli.js, engine worker), on a real fixture's series. */
const tmp = tempDir('fixtures');
const dir = tmp.dir;
let files: string[] = [];
/** The same series gzipped, as snapshots copied off a server arrive; the last keeps its plain name. */
let gzipped: string[] = [];
before(async () => {
  files = await snapshotFixture('pooledBufferSliceB.js', dir);
  gzipped = files.map((f, i) => {
    const out = i === files.length - 1 ? `${f}.copy.heapsnapshot` : `${f}.gz`;
    writeFileSync(out, gzipSync(readFileSync(f)));
    return out;
  });
});
after(() => tmp.remove());

test('--json prints the documented shape, findings ranked, and --fail-on KIND exits 3 when present', async () => {
  const r = await runCli(['analyze', ...files, '--json', '--fail-on', 'pooled-buffer-slice'], 120_000);
  assert.equal(r.code, 3, r.stderr);
  const out = JSON.parse(r.stdout) as { snapshots: Record<string, unknown>[]; notes: string[]; findings: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(out), ['snapshots', 'notes', 'findings', 'gate']);
  assert.deepEqual(out.notes, [], 'snapshots written by the process itself keep their ids');
  assert.equal(out.snapshots.length, 3);
  assert.deepEqual(Object.keys(out.snapshots[0]), ['file', 'nodeCount', 'edgeCount', 'totalSize']);
  assert.equal(out.snapshots[0].file, files[0]);
  const first = out.findings[0];
  assert.deepEqual(Object.keys(first), ['kind', 'title', 'retainedSize', 'growth', 'count', 'nodeIds', 'path', 'pathRuns', 'location', 'generatedLocation', 'sourceMap', 'evidence', 'fix', 'fingerprint']);
  assert.equal(first.kind, 'pooled-buffer-slice');
  assert.match(String(first.title), /Map `responseCache` pin \d+ /);
  const path = first.path as Record<string, unknown>[];
  assert.deepEqual(Object.keys(path[1]), ['edge', 'name', 'type', 'id']);
  assert.ok(path.some((s) => s.edge === 'responseCache'));
  const sizes = out.findings.map((f) => Number(f.retainedSize));
  assert.ok(sizes.length >= 1);
});

test('--fail-on a kind that is absent exits 0; text output names the finding (a gzipped series)', async () => {
  const r = await runCli(['analyze', ...gzipped, '--fail-on', 'timer-leak'], 120_000);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^1\. \[pooled-buffer-slice\] /m);
  assert.match(r.stdout, /fix: Store a copy in Map `responseCache`/);
});

test('--fail-on with an unknown kind is a usage error', async () => {
  const r = await runCli(['analyze', files[0], '--fail-on', 'memory-leak']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--fail-on takes 'any' or one of: pooled-buffer-slice, /);
});

test('--baseline: --update-baseline writes it (every finding NEW, gate fails); against it every finding is KNOWN and the gate passes', async () => {
  const baseline = `${dir}/baseline.json`;
  const first = await runCli(['analyze', ...files, '--format', 'json', '--fail-on', 'any', '--baseline', baseline, '--update-baseline'], 120_000);
  assert.equal(first.code, 3, first.stderr);
  const a = JSON.parse(first.stdout) as { findings: { status: string; fingerprint: string }[]; fixed: unknown[] };
  assert.ok(a.findings.length > 0 && a.findings.every((f) => f.status === 'new'));
  assert.deepEqual(a.fixed, []);
  const second = await runCli(['analyze', ...files, '--format', 'markdown', '--fail-on', 'any', '--baseline', baseline], 120_000);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, new RegExp(`^## Heapscope: ${a.findings.length} leaks? found, 0 new, ${a.findings.length} known, 0 fixed — gate passed$`, 'm'));
  for (const f of a.findings) assert.ok(second.stdout.includes(f.fingerprint));
});
