import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IDLE_TARGET, assertLeftAsItWas, startTarget } from '../inspector/nodeTargets';
import { captureWorkspace } from './captureWorkspace';

const { cli, dir } = captureWorkspace('cli-tty');

/** Runs the CLI on a pseudo-terminal (util-linux `script`), so stderr is a TTY. */
function runOnTty(args: string[]): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, cli, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('on a terminal, capture draws a progress bar on stderr', async () => {
  const target = await startTarget(IDLE_TARGET);
  const file = join(dir, 'tty.heapsnapshot');
  const run = await runOnTty(['capture', '--pid', String(target.pid), '--gc', '--out', file]);
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /\rwalking the heap \[#*-*\] \d+%/);
  assert.match(run.output, /\rwriting [\d.]+ [KMG]?i?B/);
  assert.ok(run.output.includes(file));
  assertLeftAsItWas(target);
  await target.kill();
});

test('without a terminal there is no progress bar', async () => {
  const target = await startTarget(IDLE_TARGET);
  const child = spawn(process.execPath, [cli, 'capture', '--pid', String(target.pid), '--out', join(dir, 'pipe.heapsnapshot')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise((r) => child.on('close', r));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /\r|walking the heap/);
  assertLeftAsItWas(target);
  await target.kill();
});

test('Ctrl-C (SIGINT) during a capture removes the partial file and switches the inspector off', async () => {
  const target = await startTarget(
    "globalThis.keep = Array.from({ length: 60000 }, (_, i) => ({ i, s: 'x' + i })); setInterval(() => {}, 1000); console.log('ready');",
  );
  const out = join(dir, 'interrupted');
  const child = spawn(process.execPath, [cli, 'capture', '--pid', String(target.pid), '--out', join(out + '.heapsnapshot')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let interrupted = false;
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    // The cost warning is printed right before the capture starts. One Ctrl-C only: a second
    // one kills the CLI outright, as in any Node program.
    if (!interrupted && /stops its event loop/.test(stderr)) {
      interrupted = true;
      child.kill('SIGINT');
    }
  });
  const code = await new Promise((r) => child.on('close', r));
  assert.equal(code, 130); // 128 + SIGINT, as for every cancelled command
  assert.match(stderr, /heapscope capture: the capture was cancelled; (the partial file was removed|nothing was written)/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('interrupted')), []);
  assertLeftAsItWas(target);
  await target.kill();
});
