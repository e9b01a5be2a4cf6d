import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureNodeBinary } from '../nodeBinaries';
import { ServedFixture, serveFixture, stopAllFixtures } from '../engine/detectors/servedFixture';
import { freePort } from '../freePort';
import { tempDir } from '../tempDir';
import { CLI, runCli } from './cliRun';

/**
 * A real HTTP server whose session Map grows by 600 entries per round of 600 requests, captured
 * three ways with a round of load before each snapshot: three separate `heapscope capture --pid`
 * calls (three inspector sessions: V8 numbers the objects afresh each time), one
 * `capture --count 3` (one session) and `node --heapsnapshot-signal` (the process writes them
 * itself), all through dist/cli.js as a user runs it. Each series must give the same first finding — kind, container, and the program's own
 * count of its sessions — and only the separate captures carry the renumbering note.
 */
const tmp = tempDir('separate');
const dir = tmp.dir;
const PROGRAM = join(__dirname, '..', 'realworld', 'programs', 'sessionStoreServer.js');
after(async () => {
  await stopAllFixtures();
  tmp.remove();
});

interface AnalyzeJson {
  notes: string[];
  findings: { kind: string; title: string; count: number; path: { edge: string; name: string }[]; evidence: string[] }[];
}

interface Series {
  files: string[];
  /** The program's own count of sessions when the last snapshot was taken. */
  truth: number;
}

function start(node: string, nodeArgs: string[], cwd?: string): Promise<ServedFixture> {
  return serveFixture(PROGRAM, { node, nodeArgs, cwd });
}

// The target's --inspect-port is a free port, not 0: with 0 heapscope asks each of the target's
// listening ports whether it is the inspector, and the server would count that as a session.

/** Three `capture --pid` runs: each attaches, switches the inspector on, captures, switches it off. */
async function separateCaptures(node: string, out: string): Promise<Series> {
  const s = await start(node, [`--inspect-port=${await freePort()}`]);
  const files: string[] = [];
  let truth = 0;
  for (let n = 1; n <= 3; n++) {
    truth = (await s.round()) ?? -1;
    const file = join(out, `separate-${n}.heapsnapshot`);
    const run = await runCli(['capture', '--pid', String(s.pid), '--out', file, '--gc', '--json'], 60_000);
    assert.equal(run.code, 0, run.stderr);
    files.push(file);
  }
  await s.stop();
  return { files, truth };
}

/** One `capture --count 3` run, with a round of load after each snapshot it reports. */
async function oneSession(node: string, out: string): Promise<Series> {
  const s = await start(node, [`--inspect-port=${await freePort()}`]);
  let truth = (await s.round()) ?? -1;
  const child = spawn(process.execPath, [CLI, 'capture', '--pid', String(s.pid), '--count', '3', '--interval', '5', '--gc', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const files: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for await (const line of createInterface({ input: child.stdout })) {
    const m = /^(.+\.heapsnapshot) \(/.exec(line);
    if (!m) continue;
    files.push(m[1]);
    // The next snapshot comes 5 s after this one; a round takes under a second (2–3 s on a busy machine).
    if (files.length < 3) truth = (await s.round()) ?? -1;
  }
  assert.equal(await exited, 0, stderr);
  await s.stop();
  return { files, truth };
}

/** `node --heapsnapshot-signal=SIGUSR2`: Node's own signal listener writes each snapshot synchronously. */
async function signalSnapshots(node: string, out: string): Promise<Series> {
  const s = await start(node, ['--heapsnapshot-signal=SIGUSR2'], out);
  let truth = 0;
  for (let n = 1; n <= 3; n++) {
    truth = (await s.round()) ?? -1;
    process.kill(s.pid, 'SIGUSR2');
    // The file appears as the listener starts writing; the next stdin line is read only after it finished.
    for (let tries = 0; snapshotsIn(out).length < n; tries++) {
      if (tries > 300) throw new Error(`no snapshot ${n} from --heapsnapshot-signal`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await s.stop();
  return { files: snapshotsIn(out).map((f) => join(out, f)), truth };
}

/** Heap.<date>.<time>.<pid>.<thread>.<sequence>.heapsnapshot, in sequence order. */
function snapshotsIn(d: string): string[] {
  const seq = (f: string) => Number(/\.(\d+)\.heapsnapshot$/.exec(f)?.[1] ?? 0);
  return readdirSync(d).filter((f) => f.endsWith('.heapsnapshot')).sort((a, b) => seq(a) - seq(b));
}

async function analyze(files: string[]): Promise<AnalyzeJson> {
  const run = await runCli(['analyze', ...files, '--json'], 120_000);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as AnalyzeJson;
}

/** The first finding as the user reads it: kind, the container its path ends in, its count. */
function firstFinding(result: AnalyzeJson): { kind: string; container: string; count: number } {
  const f = result.findings[0];
  assert.ok(f, 'a finding');
  const container = f.path.filter((s) => s.name === 'Map').map((s) => s.edge).pop() ?? '';
  return { kind: f.kind, container, count: f.count };
}

const NODES: { major: number; node: () => string }[] = [
  { major: 20, node: () => process.execPath },
  ...[22, 24, 26].map((major) => ({ major, node: () => ensureNodeBinary(major) })),
];

const EXPECTED = { kind: 'unbounded-collection', container: 'sessions', count: 1_800 };

function assertRenumberedNotes(result: AnalyzeJson): void {
  assert.equal(result.notes.length, 2, result.notes.join(' | '));
  assert.match(result.notes[0], /^ids were renumbered between snapshots 1 and 2 \(\d+ of [\d,]+ long-lived objects kept their id, as after a new inspector session\); objects were matched by retainer path$/);
  assert.match(result.notes[1], /^ids were renumbered between snapshots 2 and 3 /);
  assert.ok(result.findings[0].evidence.some((e) => e.includes('the same object each time (matched by retainer path')), result.findings[0].evidence.join(' | '));
}

function assertSeries(series: Series): void {
  assert.equal(series.files.length, 3);
  for (const f of series.files) assert.ok(existsSync(f), f);
  assert.equal(series.truth, EXPECTED.count, 'the program counts 600 sessions per round');
}

function describeFindings(result: AnalyzeJson): string {
  return result.findings.map((f) => `${f.kind}: ${f.title}`).join(' | ');
}

describe('a series of separately captured snapshots gives the finding one session gives', { concurrency: 1 }, () => {
  test('Node 20: three capture --pid runs, one capture --count 3 and --heapsnapshot-signal give one finding', async () => {
    const out = join(dir, 'node20');
    for (const sub of ['separate', 'one', 'signal']) mkdirSync(join(out, sub), { recursive: true });
    const separate = await separateCaptures(process.execPath, join(out, 'separate'));
    const one = await oneSession(process.execPath, join(out, 'one'));
    const signal = await signalSnapshots(process.execPath, join(out, 'signal'));
    for (const series of [separate, one, signal]) assertSeries(series);
    const results = { separate: await analyze(separate.files), one: await analyze(one.files), signal: await analyze(signal.files) };
    for (const [how, result] of Object.entries(results)) assert.deepEqual(firstFinding(result), EXPECTED, `${how}: ${describeFindings(result)}`);
    assertRenumberedNotes(results.separate);
    assert.deepEqual(results.one.notes, []);
    assert.deepEqual(results.signal.notes, []);
  });

  // One session and the signal keep V8's ids on every version (measured); the separate captures
  // are what must hold on each V8.
  for (const major of [22, 24, 26]) {
    test(`Node ${major}: three capture --pid runs give the finding`, async () => {
      const out = join(dir, `node${major}`);
      mkdirSync(out, { recursive: true });
      const separate = await separateCaptures(ensureNodeBinary(major), out);
      assertSeries(separate);
      const result = await analyze(separate.files);
      assert.deepEqual(firstFinding(result), EXPECTED, describeFindings(result));
      assertRenumberedNotes(result);
    });
  }
});
