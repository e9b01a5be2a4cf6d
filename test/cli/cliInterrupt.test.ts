import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { childSnapshots } from '../engine/childSnapshots';
import { tempDir } from '../tempDir';
import { CLI } from './cliRun';
import { assertBuilt } from '../distBundle';

let tmp: ReturnType<typeof tempDir>;
let file: string;

before(async () => {
  assertBuilt(CLI);
  tmp = tempDir('cli-int');
  // Big enough (~40 MB) that loading takes well over the half second before Ctrl-C.
  [file] = await childSnapshots("globalThis.a = Array.from({ length: 150000 }, (_, i) => ({ s: 'x' + i, t: [i] })); snap();", 1, tmp.dir);
});
after(() => tmp.remove());

test('Ctrl-C (SIGINT to the process group) cancels: one line, exit 130, worker gone', async () => {
  assert.ok(statSync(file).size > 20e6, `snapshot only ${statSync(file).size} bytes`);
  // Its own process group, as a shell gives a foreground job; Ctrl-C signals the whole group.
  const child = spawn(process.execPath, [CLI, 'summary', file], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  // Interrupt once the CLI runs its engine worker (so it has its Ctrl-C handler), mid-load.
  const childrenFile = `/proc/${child.pid}/task/${child.pid}/children`;
  for (let waited = 0; waited < 20_000; waited += 50) {
    if (existsSync(childrenFile) && readFileSync(childrenFile, 'utf8').trim() !== '') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 300));
  const signalled = Date.now();
  process.kill(-(child.pid as number), 'SIGINT');
  const code = await exited;
  assert.equal(code, 130, `exit ${code}, stderr: ${stderr}`);
  assert.equal(stdout, '');
  assert.equal(stderr, 'heapscope summary: cancelled\n');
  assert.ok(Date.now() - signalled < 10_000, `took ${Date.now() - signalled} ms to stop`);
  // The group is empty once the worker is gone too.
  await new Promise((r) => setTimeout(r, 300));
  assert.throws(() => process.kill(-(child.pid as number), 0), /ESRCH/);
});
