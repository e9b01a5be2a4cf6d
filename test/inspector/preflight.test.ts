import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PreflightRefusal, attach, isInspectorError } from '../../src/inspector/inspector';
import { assertLeftAsItWas, killAllTargets, startTarget } from './nodeTargets';
import { readSnapshotJson } from './snapshotJson';
import { tempDir } from '../tempDir';

const tmp = tempDir('preflight');
const dir = tmp.dir;
after(async () => {
  await killAllTargets();
  tmp.remove();
});

function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

/** A fake machine in which the real pid sits in a cgroup v2 allowing `room` bytes more than it uses now. */
function fakeMachine(name: string, pid: number, room: number): { proc: string; fs: string } {
  const root = join(dir, name);
  const usage = statusBytes(pid, 'VmRSS');
  const files: Record<string, string> = {
    [`proc/${pid}/cgroup`]: '0::/svc\n',
    'proc/self/mountinfo': '41 31 0:38 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n',
    'proc/meminfo': 'MemAvailable:   64000000 kB\n',
    'sys/fs/cgroup/svc/memory.max': `${usage + room}\n`,
    'sys/fs/cgroup/svc/memory.current': `${usage}\n`,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return { proc: join(root, 'proc'), fs: root };
}

test('preflight on a real process: refuses when its cgroup is too small, lets the capture through when it fits', async () => {
  // About 60 000 small objects: a snapshot costs far more than the 1 MiB the first cgroup allows.
  const target = await startTarget(
    "globalThis.keep = Array.from({ length: 60000 }, (_, i) => ({ i, s: 'x' + i })); setInterval(() => {}, 1000); console.log('ready');",
  );
  const session = await attach({ pid: target.pid });
  try {
    const tight = fakeMachine('tight', target.pid, 1024 * 1024);
    const refusedFile = join(dir, 'refused.heapsnapshot');
    let refusal: unknown;
    await session.capture({ file: refusedFile, gc: true, hostRoots: tight }).catch((e: unknown) => (refusal = e));
    assert.ok(refusal instanceof PreflightRefusal && isInspectorError(refusal, 'ENOROOM'), String(refusal));
    assert.match(refusal.message, new RegExp(`^refusing to capture pid ${target.pid}: the snapshot needs about [\\d.]+ MiB more memory in the target; its container \\(cgroup\\) allows 1 MiB more\\. Nothing was captured; force it with --force`));
    assert.equal(refusal.preflight.limitSource, 'cgroup-v2');
    assert.equal(refusal.preflight.availableBytes, 1024 * 1024);
    assert.ok(refusal.preflight.heap.usedHeapBytes > 2e6, 'heap statistics read from the target over CDP');
    assert.equal(existsSync(refusedFile), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.heapscope-') || f.endsWith('.part')), []);
    assert.equal(session.detached, false, 'a refusal leaves the session attached');

    // Room enough: the capture goes through, and the target's real peak growth stays under the estimate.
    const roomy = fakeMachine('roomy', target.pid, 8 * 1024 ** 3);
    writeFileSync(`/proc/${target.pid}/clear_refs`, '5');
    const before = statusBytes(target.pid, 'VmRSS');
    const file = join(dir, 'fits.heapsnapshot');
    const result = await session.capture({ file, gc: true, hostRoots: roomy });
    const growth = statusBytes(target.pid, 'VmHWM') - before;
    assert.equal(result.preflight.fits, true);
    assert.equal(result.preflight.limitSource, 'cgroup-v2');
    assert.ok(readSnapshotJson(file).nodeCount > 60000);
    assert.ok(growth <= result.preflight.estimatedBytes, `measured peak growth ${growth} exceeds the estimate ${result.preflight.estimatedBytes}`);

    // Forced through the tight one: captured, and the result says it did not fit.
    const forced = await session.capture({ file: join(dir, 'forced.heapsnapshot'), hostRoots: tight, force: true });
    assert.equal(forced.preflight.fits, false);
    assert.ok(readSnapshotJson(forced.file).nodeCount > 60000);

    // A series checks before each snapshot: refused before the first, nothing written.
    const seriesDir = join(dir, 'series');
    mkdirSync(seriesDir);
    await assert.rejects(session.captureSeries({ count: 2, intervalSeconds: 0, dir: seriesDir, hostRoots: tight }), PreflightRefusal);
    assert.deepEqual(readdirSync(seriesDir), []);
  } finally {
    await session.detach();
  }
  assertLeftAsItWas(target);
  await target.kill();
});
