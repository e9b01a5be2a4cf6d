import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertLeftAsItWas, startTarget } from '../inspector/nodeTargets';
import { runCli } from './cliBundle';
import { captureWorkspace } from './captureWorkspace';

const { cli, dir } = captureWorkspace('cli-watch');

/** Keeps 4 MB more every second (in 400 KB steps). */
const GROWING = "const keep = []; setInterval(() => keep.push(new Array(50000).fill(keep.length + 0.5)), 100); console.log('ready');";
/** Allocates as fast, but keeps nothing: a sawtooth whose lows stay put. */
const FLAT = "let junk; setInterval(() => { junk = new Array(50000).fill(Math.random()); }, 100); console.log('ready');";

test('watch --json --duration writes one sample per line in the documented shape, then switches the inspector off', async () => {
  const target = await startTarget(FLAT);
  const run = await runCli(cli, ['watch', '--pid', String(target.pid), '--json', '--duration', '2.5', '--interval', '0.5']);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.ok(lines.length >= 4 && lines.length <= 6, `${lines.length} lines in 2.5 s at 0.5 s`);
  let previous = 0;
  for (const line of lines) {
    const s = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual(Object.keys(s), ['time', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers', 'rss', 'gc']);
    const time = Date.parse(String(s.time));
    assert.ok(time > previous && new Date(time).toISOString() === s.time);
    previous = time;
    for (const k of ['heapUsed', 'heapTotal', 'external', 'arrayBuffers', 'rss']) assert.ok(Number.isInteger(s[k]) && Number(s[k]) > 0, k);
    assert.ok(Number(s.heapUsed) <= Number(s.heapTotal) && Number(s.heapTotal) < Number(s.rss));
    assert.ok(Number.isInteger((s.gc as { count: number }).count));
  }
  assertLeftAsItWas(target);
  await target.kill();
});

test('watch --auto-capture takes a series from a growing process and none from a flat one', async () => {
  const args = (pid: number, out: string) => [
    'watch', '--pid', String(pid), '--json', '--duration', '9', '--interval', '0.25',
    '--auto-capture', '--grow-mb', '6', '--for', '2', '--cooldown', '60', '--count', '2', '--capture-interval', '0.5', '--out', out,
  ];
  const growing = await startTarget(GROWING);
  const flat = await startTarget(FLAT);
  const [g, f] = await Promise.all([runCli(cli, args(growing.pid, join(dir, 'growing'))), runCli(cli, args(flat.pid, join(dir, 'flat')))]);
  assert.equal(g.code, 0, g.stderr);
  assert.equal(f.code, 0, f.stderr);
  const files = readdirSync(join(dir, 'growing')).sort();
  assert.equal(files.length, 2, g.stderr);
  files.forEach((name, i) => assert.match(name, new RegExp(`^heapscope-${growing.pid}-\\d{8}T\\d{6}Z-${i + 1}\\.heapsnapshot$`)));
  assert.match(g.stderr, /stayed up 2 s: capturing 2 snapshots/);
  assert.match(g.stderr, /cooling down 60 s/);
  assert.equal(existsSync(join(dir, 'flat')), false, f.stderr);
  assert.doesNotMatch(f.stderr, /capturing/);
  // It sampled on after the capture: the last line is later than the capture.
  assert.ok(g.stdout.trimEnd().split('\n').length > 8);
  assertLeftAsItWas(growing);
  assertLeftAsItWas(flat);
});
