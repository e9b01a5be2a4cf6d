import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import type { NodeProcessInfo } from '../../src/inspector/inspector';
import { IDLE_TARGET, killAllTargets, portsListenedBy, startTarget } from '../inspector/nodeTargets';
import { tempDir } from '../tempDir';
import { bundleCli, runCli } from './cliBundle';

const { cli, dispose } = bundleCli();
after(async () => {
  await killAllTargets();
  dispose();
});

test('ps --json lists Node processes with argv, cwd and their inspector; not other programs', async () => {
  const tmp = tempDir('ps');
  const cwd = realpathSync(tmp.dir);
  const plain = await startTarget(IDLE_TARGET);
  const inspected = await startTarget(IDLE_TARGET, ['--inspect=127.0.0.1:0']);
  const [port] = portsListenedBy(inspected.pid);
  const sleeper = spawn('sleep', ['30'], { cwd, stdio: 'ignore' });
  try {
    const run = await runCli(cli, ['ps', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const list = JSON.parse(run.stdout) as NodeProcessInfo[];
    const byPid = new Map(list.map((p) => [p.pid, p]));
    assert.equal(byPid.get(plain.pid)?.inspector, null);
    assert.equal(byPid.get(plain.pid)?.cwd, process.cwd());
    assert.deepEqual(byPid.get(plain.pid)?.argv, [process.execPath, '--inspect-port=0', '-e', IDLE_TARGET]);
    assert.deepEqual(byPid.get(inspected.pid)?.inspector, { host: '127.0.0.1', port });
    assert.equal(byPid.has(sleeper.pid!), false);
    const table = await runCli(cli, ['ps']);
    assert.match(table.stdout, /^PID\s+INSPECTOR\s+CWD\s+COMMAND$/m);
    assert.match(table.stdout, new RegExp(`^${inspected.pid}\\s+127\\.0\\.0\\.1:${port}\\s`, 'm'));
  } finally {
    sleeper.kill('SIGKILL');
    tmp.remove();
  }
});
