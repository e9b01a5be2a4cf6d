/**
 * A Heapscope process killed hard (SIGKILL, as a crashed or killed extension host or CLI is) never
 * leaves; the target's watchdog switches the inspector it switched on off all the same, and only
 * once every holder is gone. Real holder processes attach to real targets on Node 20 and 26.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildSync } from 'esbuild';
import { CdpConnection, attach } from '../../src/inspector/inspector';
import { WATCH_MS } from '../../src/inspector/holderWatchdog';
import { STALE_MS } from '../../src/inspector/sharedSwitch';
import { SWITCH_OFF_DELAY_MS } from '../../src/inspector/switchInspector';
import { Target, assertLeftAsItWas, eventually, isRunning, killAllTargets, portsListenedBy, startTarget } from './nodeTargets';
import { ensureNodeBinary } from '../nodeBinaries';
import { tempDir } from '../tempDir';

const tmp = tempDir('watchdog');
// The inspector API bundled once, so a holder process starts in a fraction of a second.
const bundle = join(tmp.dir, 'inspector.js');
buildSync({ entryPoints: [join(__dirname, '../../src/inspector/inspector.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
const children: ChildProcess[] = [];
const holderPids: number[] = [];
after(async () => {
  for (const pid of holderPids) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  for (const c of children) c.kill('SIGKILL');
  await killAllTargets();
  tmp.remove();
});

/** How long the watchdog may take: a period, the switch-off delay, and a margin for a loaded machine. */
const BOUND_MS = WATCH_MS + SWITCH_OFF_DELAY_MS + 7000;
const KEY = "Symbol.for('heapscope.inspector')";

/** On SIGUSR2 the target says, from its own event loop, whether our watchdog and record are still there. */
const WATCHED_TARGET =
  "globalThis.keep = Array.from({ length: 1000 }, (_, i) => ({ i })); setInterval(() => {}, 1000);" +
  " process.on('SIGUSR2', () => console.log('watchdog ' + typeof globalThis[Symbol.for('heapscope.inspector.watchdog')] + ', record ' + typeof globalThis[Symbol.for('heapscope.inspector')]));" +
  " console.log('ready');";

interface HeldRecord {
  holders: Record<string, { pid: number; watch?: boolean; beat: number }>;
}

interface Holder {
  pid: number;
  port: number;
  /** The record as the target had it right after this holder joined. */
  record: HeldRecord;
}

/**
 * A separate Heapscope process attached to the target (by pid, or by host:port), which then idles
 * until killed. `zombie`: its parent never reaps it (the shell execs `sleep`), so once killed it
 * stays a zombie, which `kill(pid, 0)` alone takes for alive.
 */
async function startHolder(target: { pid: number } | { host: string; port: number }, zombie = false): Promise<Holder> {
  const script =
    `const { attach } = require(${JSON.stringify(bundle)});` +
    `attach(${JSON.stringify(target)}).then(async (s) => {` +
    ` const { result } = await s.connection.send('Runtime.evaluate', { expression: "JSON.stringify(globalThis[${KEY}])", returnByValue: true });` +
    ` console.log(JSON.stringify({ pid: process.pid, port: s.endpoint.port, record: JSON.parse(result.value) })); setInterval(() => {}, 1000);` +
    ` }, (e) => { console.error(e); process.exit(1); });`;
  const child = zombie
    ? spawn('sh', ['-c', `"${process.execPath}" -e "$HOLDER" & exec sleep 120`], { env: { ...process.env, HOLDER: script }, stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const holder = JSON.parse(line) as Holder;
  holderPids.push(holder.pid);
  return holder;
}

/** Waits until pid is dead (or a zombie): what a hard kill leaves. */
async function killHard(pid: number): Promise<number> {
  process.kill(pid, 'SIGKILL');
  await eventually(() => !isRunning(pid) || /\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')), 5000, `pid ${pid} killed`);
  return Date.now();
}

/** What the target says on SIGUSR2 (from its own event loop, so it also proves it still runs). */
async function targetState(target: Target): Promise<string> {
  const before = target.lines.length;
  target.child.kill('SIGUSR2');
  await eventually(() => target.lines.length > before, 5000, 'the target answering SIGUSR2');
  return target.lines[before]!;
}

/** The record as the target has it, through a plain CDP connection that holds nothing. */
async function readRecord(port: number, expression = `JSON.stringify(globalThis[${KEY}])`): Promise<HeldRecord | undefined> {
  const res = await fetch(`http://127.0.0.1:${port}/json/list`);
  const [entry] = (await res.json()) as { webSocketDebuggerUrl: string }[];
  const connection = await CdpConnection.open(entry!.webSocketDebuggerUrl, { timeoutMs: 5000, commandTimeoutMs: 20_000 });
  try {
    const { result } = await connection.send('Runtime.evaluate', { expression, returnByValue: true });
    return typeof result.value === 'string' ? (JSON.parse(result.value) as HeldRecord) : undefined;
  } finally {
    await connection.close();
  }
}

async function listedPids(port: number): Promise<number[]> {
  return Object.values((await readRecord(port))?.holders ?? {}).map((h) => h.pid);
}

/** Polls an asynchronous check until it holds, within BOUND_MS. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + BOUND_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const VERSIONS = [
  { name: 'Node 20', node: () => process.execPath },
  { name: 'Node 26', node: () => ensureNodeBinary(26) },
];

// The cases mostly wait for timers in their own targets: run side by side.
describe('the holder watchdog', { concurrency: true }, () => {
  for (const { name, node } of VERSIONS) {
    for (const zombie of [false, true]) {
      test(`${name}: a holder killed hard${zombie ? ' (left a zombie by its parent)' : ''}: the target switches its inspector off itself and runs on`, async (t) => {
        const target = await startTarget(WATCHED_TARGET, ['--inspect-port=0'], node());
        const holder = await startHolder({ pid: target.pid }, zombie);
        assert.deepEqual(portsListenedBy(target.pid), [holder.port], 'switched on');
        assert.deepEqual(Object.values(holder.record.holders).map((h) => [h.pid, h.watch]), [[holder.pid, true]], 'the target may judge this holder by its pid');
        assert.equal(await targetState(target), 'watchdog object, record object');
        const killed = await killHard(holder.pid);
        await eventually(() => portsListenedBy(target.pid).length === 0, BOUND_MS, `the inspector switched off within ${BOUND_MS} ms`);
        t.diagnostic(`inspector off ${Date.now() - killed} ms after the kill`);
        assert.equal(await targetState(target), 'watchdog undefined, record undefined', 'nothing of ours left in the target');
        assertLeftAsItWas(target);
        await target.kill();
      });
    }

    test(`${name}: two holders, one killed hard: on until the other detaches; a live holder keeps it on`, async () => {
      const target = await startTarget(WATCHED_TARGET, ['--inspect-port=0'], node());
      const first = await startHolder({ pid: target.pid });
      const second = await attach({ pid: target.pid });
      assert.equal(second.holdsSwitchOn, true);
      // Both alive for over two periods: the watchdog runs, and drops nobody.
      await new Promise((r) => setTimeout(r, WATCH_MS + 1000));
      assert.equal(Object.keys((await readRecord(first.port))!.holders).length, 2);
      await killHard(first.pid);
      await until(async () => (await listedPids(first.port)).join() === String(process.pid), 'the dead holder dropped');
      // Past the switch-off delay, had the watchdog (wrongly) started it.
      await new Promise((r) => setTimeout(r, SWITCH_OFF_DELAY_MS + 1000));
      assert.deepEqual(portsListenedBy(target.pid), [first.port], 'still on for the second holder');
      assert.ok((await second.heapUsage()).usedSize > 0, 'the second session still works');
      assert.deepEqual(await second.detach(), { switchedOff: true, portClosed: true });
      assert.equal(await targetState(target), 'watchdog undefined, record undefined', 'a normal detach removes the watchdog');
      assertLeftAsItWas(target);
      await target.kill();
    });
  }

  test('a holder the target cannot judge by pid (attached by host:port) keeps the inspector on until its heartbeat is stale', async () => {
    const target = await startTarget(WATCHED_TARGET);
    const first = await startHolder({ pid: target.pid });
    const second = await startHolder({ host: '127.0.0.1', port: first.port });
    assert.deepEqual(Object.values(second.record.holders).map((h) => h.watch).sort(), [false, true]);
    await killHard(first.pid);
    await killHard(second.pid);
    await until(async () => (await listedPids(first.port)).join() === String(second.pid), 'the holder attached by pid dropped');
    // Another period and the switch-off delay: the other one stays listed, and the inspector on.
    await new Promise((r) => setTimeout(r, WATCH_MS + SWITCH_OFF_DELAY_MS + 1000));
    assert.deepEqual(portsListenedBy(target.pid), [first.port], 'on: a dead pid is only believed where the target sees it');
    assert.deepEqual(await listedPids(first.port), [second.pid]);
    // Its last heartbeat, as if it were STALE_MS old: now the watchdog lets it go.
    await readRecord(first.port, `(() => { for (const h of Object.values(globalThis[${KEY}].holders)) h.beat -= ${STALE_MS + 1000}; return 'null'; })()`);
    await eventually(() => portsListenedBy(target.pid).length === 0, BOUND_MS, 'the inspector switched off');
    assert.equal(await targetState(target), 'watchdog undefined, record undefined');
    assertLeftAsItWas(target);
    await target.kill();
  });

  test('a stale heartbeat drops neither a holder the target judges by pid, nor any holder right after the target stood still', async () => {
    const target = await startTarget(WATCHED_TARGET);
    const first = await startHolder({ pid: target.pid });
    const second = await startHolder({ host: '127.0.0.1', port: first.port });
    const backdate = (pid: number) => `for (const h of Object.values(globalThis[${KEY}].holders)) if (h.pid === ${pid}) h.beat -= ${STALE_MS + 1000};`;
    // A holder the target sees alive by its pid stays, however old its last beat looks.
    await readRecord(first.port, `(() => { ${backdate(first.pid)} return 'null'; })()`);
    await new Promise((r) => setTimeout(r, WATCH_MS + 1000));
    assert.deepEqual((await listedPids(first.port)).sort(), [first.pid, second.pid].sort());
    // The target stands still for longer than the gap (as on a machine that slept), and meanwhile
    // the other holder's beat has grown old: it gets heartbeats' grace instead of being dropped.
    await readRecord(first.port, `(() => { ${backdate(second.pid)} process.getBuiltinModule('child_process').execFileSync('sleep', ['7']); return 'null'; })()`);
    await new Promise((r) => setTimeout(r, WATCH_MS + 1000));
    assert.deepEqual((await listedPids(first.port)).sort(), [first.pid, second.pid].sort());
    await target.kill();
  });

  test('the watchdog never keeps the target alive', async () => {
    // The target's own work ends on SIGHUP; nothing else of its own holds the loop.
    const target = await startTarget(
      "const work = setTimeout(() => {}, 120000); process.on('SIGHUP', () => { clearTimeout(work); console.log('done'); }); console.log('ready');",
    );
    const holder = await startHolder({ pid: target.pid });
    // Another holder, listed but not connected (its beat is fresh): the inspector and the watchdog stay.
    await readRecord(holder.port, `(() => { globalThis[${KEY}].holders.other = { pid: 1, watch: false, beat: Date.now() }; return 'null'; })()`);
    await killHard(holder.pid);
    target.child.kill('SIGHUP');
    await target.waitForLine('done', 10_000);
    await eventually(() => target.exit !== undefined, 5000, 'the target exiting once its own work is done');
    assert.equal(target.exit, 'exit code 0, signal null');
  });
});
