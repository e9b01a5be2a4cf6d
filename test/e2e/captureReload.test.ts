/**
 * End to end in a real VS Code (code-server + Chromium): the window is reloaded while a capture of
 * a real process runs. After the reload nothing half-written is left in the snapshot folder, the
 * target still runs, the inspector Heapscope switched on is switched off, and the next capture
 * works.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { E2eSession, startCodeServer } from './codeServer';
import { listeningSocketsOf } from '../../src/inspector/listeningSockets';

let session: E2eSession;
let workspace: string;
let target: ChildProcess;

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'heapscope-ws-reload-'));
  session = await startCodeServer({ workspace });
}, { timeout: 600_000 });

after(async () => {
  await session?.close();
  target?.kill('SIGKILL');
  rmSync(workspace, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inspectorPorts(pid: number): Promise<number[]> {
  return (await listeningSocketsOf(pid)).map((s) => s.port);
}

/** How many files named snapshot.heapsnapshot (Heapscope's work file) pid has open, deleted or not. */
function snapshotsOpenBy(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (/\/snapshot\.heapsnapshot( \(deleted\))?$/.test(readlinkSync(`/proc/${pid}/fd/${fd}`))) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

/** The last bytes of a file: a whole V8 snapshot ends its last section with `]}`. */
function tail(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, Math.max(0, statSync(file).size - 16));
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

test('a window reload during a capture leaves no partial file and the inspector off; the next capture works', { timeout: 400_000 }, () => session.shot('reload-capture', async () => {
  const { page } = session;
  // About 3 million small objects: V8 takes seconds to walk and write them. A line on stdin drops
  // them, so the capture after the reload is quick.
  const script = join(workspace, 'bigHeapTarget.js');
  writeFileSync(script, [
    'let keep = [];',
    'for (let i = 0; i < 3e6; i++) keep.push({ i });',
    "require('node:readline').createInterface({ input: process.stdin }).on('line', () => { keep = []; console.log('dropped'); });",
    'setInterval(() => keep.length, 1000);',
    'console.log(JSON.stringify({ pid: process.pid }));',
  ].join('\n'));
  target = spawn(process.execPath, ['--inspect-port=127.0.0.1:0', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: target.stdout! });
  const pid = await new Promise<number>((resolve) => lines.once('line', (l) => resolve((JSON.parse(l) as { pid: number }).pid)));
  assert.deepEqual(await inspectorPorts(pid), [], 'the target starts without an inspector');

  await session.runCommand('Heapscope: Attach to Node Process…');
  await session.pickQuickItem('bigHeapTarget.js', 'bigHeapTarget.js');
  await page.locator('.pane-body .monaco-list-row', { hasText: String(pid) }).first().waitFor({ timeout: 60_000 });
  assert.equal((await inspectorPorts(pid)).length, 1, 'Heapscope switched the inspector on');

  await session.runCommand('Heapscope: Capture Heap Snapshot');
  await page.locator('.notification-toast', { hasText: 'capturing a heap snapshot' }).waitFor({ timeout: 60_000 });
  // Reload once the target has started writing into Heapscope's work folder.
  const snapDir = join(workspace, '.heapscope');
  const workFiles = () => readdirSync(snapDir, { recursive: true }).map(String).filter((f) => !/^heapscope-\d+-\w+-\d+\.heapsnapshot$/.test(f));
  let writing: string[] = [];
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    writing = workFiles();
    if (writing.some((f) => f.endsWith('snapshot.heapsnapshot') || f.endsWith('.part'))) break;
  }
  assert.ok(writing.length > 0, 'the capture was writing before the reload');
  console.log(`reloading while the capture writes ${writing.join(', ')}`);
  const reloadedAt = Date.now();
  await session.runCommand('Developer: Reload Window');
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });

  // The target goes on writing the snapshot it was asked for (into the work folder, even once
  // that is removed). The leaving extension host's last message is queued behind it: once the
  // target has closed the file, the inspector Heapscope switched on goes off by itself.
  let open = snapshotsOpenBy(pid);
  for (const deadline = Date.now() + 300_000; open > 0 && Date.now() < deadline; await sleep(250)) open = snapshotsOpenBy(pid);
  const writtenAfter = Date.now() - reloadedAt;
  assert.equal(open, 0, 'the target finished writing');
  let ports = await inspectorPorts(pid);
  for (const deadline = Date.now() + 15_000; ports.length > 0 && Date.now() < deadline; await sleep(250)) ports = await inspectorPorts(pid);
  const offAfter = Date.now() - reloadedAt;
  assert.deepEqual(ports, [], 'the inspector is switched off after the reload, once the target is done with the snapshot');
  // The new extension host removes the work files of the one that died, without a new capture.
  let left = workFiles();
  for (const deadline = Date.now() + 60_000; left.length > 0 && Date.now() < deadline; await sleep(250)) left = workFiles();
  console.log(`after the reload: the target finished the snapshot after ${writtenAfter} ms, the inspector was off after ${offAfter} ms, work files gone after ${Date.now() - reloadedAt} ms`);
  assert.deepEqual(left, [], 'no unfinished capture files are left');
  // The reload came mid-write: the extension host died before it could rename a whole snapshot
  // into place (the target went on into the removed work folder).
  assert.deepEqual(readdirSync(snapDir), [], 'no snapshot from the interrupted capture');
  assert.equal(target.exitCode, null, 'the target still runs');
  assert.equal(target.signalCode, null, 'the target still runs');

  // The next capture works, from the reloaded window.
  target.stdin!.write('drop\n');
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  const before = new Set(readdirSync(snapDir));
  await session.runCommand('Heapscope: Attach to Node Process…');
  await session.pickQuickItem('bigHeapTarget.js', 'bigHeapTarget.js');
  await page.locator('.pane-body .monaco-list-row', { hasText: String(pid) }).first().waitFor({ timeout: 60_000 });
  await session.runCommand('Heapscope: Capture Heap Snapshot');
  const frame = session.webview();
  await frame.locator('.vtable-toolbar .count', { hasText: /[\d,]+ constructors/ }).waitFor({ timeout: 120_000 });
  const added = readdirSync(snapDir).filter((f) => !before.has(f));
  assert.equal(added.length, 1, `one new snapshot: ${added.join(', ')}`);
  assert.match(added[0]!, new RegExp(`^heapscope-${pid}-\\w+-1\\.heapsnapshot$`));
  assert.match(tail(join(snapDir, added[0]!)), /\]\}\s*$/);
  await session.runCommand('Heapscope: Detach');
  ports = await inspectorPorts(pid);
  for (const deadline = Date.now() + 15_000; ports.length > 0 && Date.now() < deadline; await sleep(250)) ports = await inspectorPorts(pid);
  assert.deepEqual(ports, [], 'detach switches it off again');
  assert.equal(target.exitCode, null, 'the target still runs');
}));
