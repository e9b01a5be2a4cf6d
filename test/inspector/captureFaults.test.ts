import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startEngineWorker } from '../../src/engine/engineClient';
import { attach, isInspectorError } from '../../src/inspector/inspector';
import { bundleCli, runCli } from '../cli/cliBundle';
import { IDLE_TARGET, assertLeftAsItWas, killAllTargets, startTarget } from './nodeTargets';
import { readSnapshotJson } from './snapshotJson';
import { tempDir } from '../tempDir';
import { distBundle } from '../distBundle';

const { cli, dispose } = bundleCli();
const tmp = tempDir('faults');
const dir = tmp.dir;
const small = join(dir, 'small-disk');
let mounted = false;
let mountFailure = '';

before(() => {
  mkdirSync(small);
  try {
    // A real full disk: a 10 MB tmpfs (needs root, or CAP_SYS_ADMIN).
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=10m', 'tmpfs', small], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    mountFailure = String((error as { stderr?: unknown }).stderr ?? error).trim();
  }
});
after(async () => {
  await killAllTargets();
  if (mounted) execFileSync('umount', [small]);
  dispose();
  tmp.remove();
});

/** A heap whose snapshot is well over 10 MB (about 20 MB). */
const BIG_TARGET =
  "globalThis.keep = Array.from({ length: 120000 }, (_, i) => ({ i, name: 'item ' + i })); setInterval(() => {}, 1000); console.log('ready');";

test('a full disk while the snapshot is written: ENOSPC named, nothing half-written left, inspector switched off', async (t) => {
  if (!mounted) {
    t.skip(`cannot mount a small tmpfs here (${mountFailure}): needs root`);
    return;
  }
  const target = await startTarget(BIG_TARGET);
  const session = await attach({ pid: target.pid });
  const file = join(small, 'big.heapsnapshot');
  await assert.rejects(session.capture({ file }), (e: Error) => {
    assert.match(e.message, new RegExp(`cannot write ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOSPC: no space left on device`));
    return true;
  });
  assert.deepEqual(readdirSync(small), [], 'the partial file was removed');
  assert.equal(session.detached, true, 'the failed capture ended the session');
  assertLeftAsItWas(target);
  await new Promise((r) => setTimeout(r, 1500));
  assertLeftAsItWas(target);
  // The CLI says the same, and exits 1.
  const run = await runCli(cli, ['capture', '--pid', String(target.pid), '--out', file], { timeoutMs: 60_000 });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /ENOSPC: no space left on device/);
  assert.deepEqual(readdirSync(small), []);
  assertLeftAsItWas(target);
  await target.kill();
});

test('two captures of one process at once: two sessions (one a CLI process), and twice on one session', async () => {
  const target = await startTarget(IDLE_TARGET);
  const session = await attach({ pid: target.pid });
  try {
    const [mine, theirs] = await Promise.all([
      session.capture({ file: join(dir, 'mine.heapsnapshot') }),
      runCli(cli, ['capture', '--pid', String(target.pid), '--out', join(dir, 'cli.heapsnapshot'), '--json'], { timeoutMs: 60_000 }),
    ]);
    assert.equal(theirs.code, 0, theirs.stderr);
    const a = readSnapshotJson(mine.file);
    const b = readSnapshotJson(join(dir, 'cli.heapsnapshot'));
    assert.ok(a.nodeCount > 1000 && Math.abs(a.nodeCount - b.nodeCount) < a.nodeCount / 10, `${a.nodeCount} and ${b.nodeCount} nodes`);
    // On one session, the second waits for the first: each file holds exactly one snapshot.
    const files = [join(dir, 'twice-1.heapsnapshot'), join(dir, 'twice-2.heapsnapshot')];
    const results = await Promise.all(files.map((file) => session.capture({ file })));
    for (const [i, r] of results.entries()) {
      assert.equal(r.bytes, statSync(files[i]).size);
      assert.ok(readSnapshotJson(files[i]).nodeCount > 1000);
    }
    assert.ok(results[1].startedAt.getTime() + results[1].durationMs >= results[0].startedAt.getTime() + results[0].durationMs);
  } finally {
    await session.detach();
  }
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.part')), []);
  assertLeftAsItWas(target);
  await target.kill();
});

test('a capture over the file an analysis is reading: the analysis reads the old file whole, the new one is complete', async () => {
  const target = await startTarget(BIG_TARGET);
  const file = join(dir, 'shared.heapsnapshot');
  const session = await attach({ pid: target.pid });
  const worker = startEngineWorker({ workerPath: distBundle('engineWorker.js') });
  try {
    await session.capture({ file });
    const before = readSnapshotJson(file).nodeCount;
    // More objects, so the new snapshot differs from the one being analysed.
    await session.connection.send('Runtime.evaluate', { expression: "globalThis.more = Array.from({ length: 20000 }, (_, i) => ({ i })); 'ok'" });
    let capturing: Promise<unknown> | null = null;
    const info = await worker.remote.open({ file }, {
      onProgress: () => {
        capturing ??= session.capture({ file });
      },
    });
    assert.ok(capturing, 'the capture started while the analysis ran');
    await capturing;
    assert.equal(info.nodeCount, before, 'the analysis saw the old file only');
    const after = readSnapshotJson(file).nodeCount;
    assert.ok(after > before + 15_000, `the new file is complete: ${before} → ${after} nodes`);
    const again = await worker.remote.open({ file });
    assert.equal(again.nodeCount, after);
  } catch (error) {
    if (isInspectorError(error)) throw new Error(`capture failed: ${error.message}`);
    throw error;
  } finally {
    worker.dispose();
    await session.detach();
  }
  assert.ok(existsSync(file));
  assertLeftAsItWas(target);
  await target.kill();
});
