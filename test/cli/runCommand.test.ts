import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { isAlive } from '../../src/inspector/switchInspector';
import { spawn } from 'node:child_process';
import { CLI, CliResult, runCli } from './cliRun';

/**
 * `heapscope run` as CI runs it (dist/cli.js), against test/cli/fixtures/runServer.js with real
 * HTTP load over loopback: a leaky app fails the gate, its baseline then passes it, a second leak
 * on top is the one NEW finding, a clean app passes, a crash is reported; after each run the app,
 * its helper child and its inspector port are gone, and heapscope's temporary files too.
 */
const FIXTURES = join(__dirname, 'fixtures');
const SERVER = join(FIXTURES, 'runServer.js');
const TIMEOUT = 240_000;
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'heapscope-run-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run extends CliResult {
  pids: { pid: number; helperPid: number }[];
  /** heapscope's TMPDIR for this run: what it left there. */
  leftInTmp: string[];
}

async function run(name: string, args: string[], env: Record<string, string>): Promise<Run> {
  const tmp = join(dir, `${name}-tmp`);
  await mkdir(tmp);
  const pidsFile = join(dir, `${name}.pids`);
  const r = await runCli(['run', ...args], TIMEOUT, { ...process.env, ...env, TMPDIR: tmp, RUN_FIXTURE_PIDS: pidsFile });
  const pids = existsSync(pidsFile) ? readFileSync(pidsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Run['pids'][0]) : [];
  return { ...r, pids, leftInTmp: readdirSync(tmp) };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The app, its helper child, its process group and its inspector port are gone; heapscope removed its files. */
async function assertCleanedUp(r: Run, keep = false): Promise<void> {
  assert.equal(r.pids.length, 1, `the app started once: ${r.stderr}`);
  for (const pid of [r.pids[0].pid, r.pids[0].helperPid]) assert.equal(isAlive(pid), false, `pid ${pid} still runs`);
  const group = Number(/process group (\d+)/.exec(r.stderr)?.[1]);
  assert.ok(group > 0, r.stderr);
  // Orphaned children are reaped by init, not by heapscope: give that a moment.
  for (let waited = 0; groupAlive(group) && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  assert.equal(groupAlive(group), false, `process group ${group} still has processes`);
  const inspectorPort = Number(/its inspector on 127\.0\.0\.1:(\d+)/.exec(r.stderr)?.[1]);
  assert.ok(inspectorPort > 0, r.stderr);
  assert.equal(await accepts(inspectorPort), false, `the inspector port ${inspectorPort} is still open`);
  if (!keep) assert.deepEqual(r.leftInTmp, [], 'heapscope removed its temporary directory');
}

interface JsonReport {
  snapshots: { file: string }[];
  findings: { kind: string; status?: string; fingerprint: string }[];
  fixed?: { fingerprint: string }[];
  gate?: { failed: boolean; failing: number };
}

const baselineFile = () => join(dir, 'baseline.json');

test('a leaky app fails the gate (exit 3); the Markdown report and the baseline are written; nothing is left running', { timeout: TIMEOUT }, async () => {
  const report = join(dir, 'first.md');
  const r = await run(
    'first',
    ['--scenario', join(FIXTURES, 'runScenario.mjs'), '--fail-on', 'any', '--baseline', baselineFile(), '--update-baseline', '--format', 'markdown', '--report', report, '--', process.execPath, SERVER],
    { LEAK: '1' },
  );
  assert.equal(r.code, 3, r.stderr);
  await assertCleanedUp(r);
  const markdown = readFileSync(report, 'utf8');
  assert.match(markdown, /^## Heapscope: \d+ leaks? found, \d+ new, 0 known, 0 fixed — gate \*\*failed\*\*\n/);
  assert.match(markdown, /^\| 1 \| \*\*NEW\*\* \| `[a-z-]+` \| .+ \| [\d.]+ [KM]iB \| \+[\d.]+ [KM]?i?B \| [▁-█]{3} \|$/m);
  assert.match(markdown, /^### 1\. NEW · /m);
  assert.match(markdown, /^- \*\*Fix\*\* /m);
  const baseline = JSON.parse(readFileSync(baselineFile(), 'utf8')) as { heapscopeBaseline: number; findings: { kind: string }[] };
  assert.equal(baseline.heapscopeBaseline, 1);
  assert.ok(baseline.findings.some((f) => f.kind === 'unbounded-collection'), JSON.stringify(baseline));
});

test('a second run against its own baseline exits 0 (driven by a --load command); the SARIF validates against the 2.1.0 schema', { timeout: TIMEOUT }, async () => {
  const report = join(dir, 'second.sarif');
  const markdownFile = join(dir, 'second.md');
  const r = await run(
    'second',
    ['--load', `"${process.execPath}" "${join(FIXTURES, 'runLoad.js')}"`, '--fail-on', 'any', '--baseline', baselineFile(), '--report', report, '--report', markdownFile, '--', process.execPath, SERVER],
    { LEAK: '1' },
  );
  assert.equal(r.code, 0, r.stderr);
  await assertCleanedUp(r);
  // Each report in the format its file name says; the text on stdout for the CI log.
  assert.match(readFileSync(markdownFile, 'utf8'), /^## Heapscope: \d+ leaks? found, 0 new, \d+ known, 0 fixed — gate passed\n/);
  assert.match(r.stdout, /^Analysed a series of 3 snapshots: /);
  assert.match(r.stdout, /^\d+\. KNOWN \[/m);
  const sarif = JSON.parse(readFileSync(report, 'utf8')) as { runs: { results: { ruleId: string; baselineState: string; partialFingerprints: Record<string, string> }[] }[] };
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  // The schema's language-tag pattern is not valid with the u flag Ajv uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  // The check can fail: a result without its required message does not validate.
  const broken = structuredClone(sarif) as { runs: { results: Record<string, unknown>[] }[] };
  delete broken.runs[0].results[0].message;
  assert.equal(validate(broken), false);
  const baseline = JSON.parse(readFileSync(baselineFile(), 'utf8')) as { findings: { fingerprint: string }[] };
  const results = sarif.runs[0].results;
  assert.equal(results.length, baseline.findings.length);
  for (const result of results) {
    assert.equal(result.baselineState, 'unchanged');
    assert.ok(baseline.findings.some((f) => f.fingerprint === result.partialFingerprints['heapscopeFinding/v1']));
  }
});

test('a second leak on top fails with exactly one NEW finding (CommonJS scenario; app started through sh, so through NODE_OPTIONS)', { timeout: TIMEOUT }, async () => {
  const r = await run(
    'third',
    ['--scenario', join(FIXTURES, 'runScenario.cjs'), '--fail-on', 'any', '--baseline', baselineFile(), '--format', 'json', '--', 'sh', '-c', `"${process.execPath}" "${SERVER}"; exit 0`],
    { LEAK: '1', LEAK2: '1' },
  );
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /switching on the inspector of pid \d+/);
  await assertCleanedUp(r);
  const out = JSON.parse(r.stdout) as JsonReport;
  const fresh = out.findings.filter((f) => f.status === 'new');
  assert.equal(fresh.length, 1, r.stdout);
  assert.equal(fresh[0].kind, 'listener-leak');
  const baseline = JSON.parse(readFileSync(baselineFile(), 'utf8')) as { findings: unknown[] };
  assert.equal(out.findings.filter((f) => f.status === 'known').length, baseline.findings.length);
  assert.deepEqual(out.fixed, []);
  assert.deepEqual(out.gate, { failOn: 'any', failed: true, failing: 1 });
});

test('a clean app passes (exit 0, no finding); --keep keeps the snapshots and the app\'s log', { timeout: TIMEOUT }, async () => {
  const report = join(dir, 'clean.json');
  const r = await run('clean', ['--scenario', join(FIXTURES, 'runScenario.mjs'), '--fail-on', 'any', '--format', 'json', '--report', report, '--keep', '--', process.execPath, SERVER], {});
  assert.equal(r.code, 0, r.stderr);
  await assertCleanedUp(r, true);
  const out = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
  assert.deepEqual(out.findings, []);
  assert.equal(out.snapshots.length, 3);
  for (const s of out.snapshots) assert.ok(existsSync(s.file), s.file);
  const kept = /kept the snapshots and the app's log in (\S+)/.exec(r.stderr)?.[1] ?? '';
  assert.match(readFileSync(join(kept, 'app.log'), 'utf8'), /^app\| runServer listening on \d+$/m);
});

test('an app that crashes is reported with its exit code and last lines (exit 1)', { timeout: TIMEOUT }, async () => {
  const r = await run('crash', ['--', process.execPath, SERVER], { EXIT_EARLY: '7' });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /heapscope run: the app exited with code 7 before it was ready\n$/);
  assert.match(r.stderr, /^ {2}app\| runServer: cannot open the database \(simulated\)$/m);
  assert.deepEqual(r.leftInTmp, []);
});

test('a scenario that throws fails the run (exit 1) with its message; the app is stopped', { timeout: TIMEOUT }, async () => {
  const scenario = join(dir, 'throwing.mjs');
  writeFileSync(scenario, "export async function round({ round }) { throw new Error(`the checkout answered 500 in round ${round}`); }\n");
  const r = await run('throwing', ['--scenario', scenario, '--', process.execPath, SERVER], {});
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /heapscope run: the scenario's round\(1\) failed: the checkout answered 500 in round 1\n$/);
  await assertCleanedUp(r);
});

test('not ready in time: the error says what it waited for (exit 1); the app is stopped', { timeout: TIMEOUT }, async () => {
  const r = await run('notready', ['--ready', 'never printed', '--timeout', '1', '--', process.execPath, SERVER], {});
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /the app was not ready after 1 s \(waited for a line of output matching \/never printed\/\); --timeout SECONDS waits longer\n$/);
  await assertCleanedUp(r);
});

test('Ctrl-C during a round cancels (exit 130) and still stops the app, its children and the load command', { timeout: TIMEOUT }, async () => {
  const tmp = join(dir, 'ctrlc-tmp');
  await mkdir(tmp);
  const pidsFile = join(dir, 'ctrlc.pids');
  const loadPidFile = join(dir, 'ctrlc.load');
  // Its own process group, as a shell gives a foreground job: Ctrl-C reaches heapscope, not the app.
  const child = spawn(process.execPath, [CLI, 'run', '--load', `echo $$ > "${loadPidFile}"; exec sleep 60`, '--', process.execPath, SERVER], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: tmp, RUN_FIXTURE_PIDS: pidsFile },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (let waited = 0; !existsSync(loadPidFile) && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  const loadPid = Number(readFileSync(loadPidFile, 'utf8'));
  assert.ok(isAlive(loadPid), 'the load command runs');
  process.kill(-(child.pid as number), 'SIGINT');
  const code = await exited;
  assert.equal(code, 130, stderr);
  assert.match(stderr, /heapscope run: cancelled; the app was stopped\n$/);
  assert.equal(isAlive(loadPid), false, 'the load command was stopped');
  const pids = readFileSync(pidsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Run['pids'][0]);
  await assertCleanedUp({ code, stdout: '', stderr, ms: 0, pids, leftInTmp: readdirSync(tmp) });
});

test('usage errors exit 2 before anything starts', async () => {
  const cases: [string[], RegExp][] = [
    [['run', '--rounds', '3'], /give the app's command after --/],
    [['run', '--load', 'x', '--scenario', 'y', '--', 'node', 'x.js'], /give --load or --scenario, not both/],
    [['run', '--update-baseline', '--', 'node', 'x.js'], /--update-baseline needs --baseline FILE/],
    [['run', '--format', 'html', '--', 'node', 'x.js'], /--format takes one of: text, json, markdown, sarif/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});
