import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { listNodeProcesses } from '../../src/inspector/inspector';
import { describeLinuxProcess } from '../../src/inspector/linuxProcesses';
import { Target, killAllTargets, startTarget } from './nodeTargets';
import { freePort } from '../freePort';

after(killAllTargets);

/**
 * The app's own server: plain TCP on loopback that reports every connection and every byte it
 * receives on stdout ("traffic ..."), and hangs up on the first byte, as a strict protocol would.
 * `inspectorOpen` opens an inspector from code (inspector.open(0)): no flag tells its port.
 */
function appServer(inspectorOpen = false): string {
  return (
    (inspectorOpen ? "require('inspector').open(0, '127.0.0.1');" : '') +
    "const s = require('net').createServer((c) => { console.log('traffic connect'); " +
    "c.on('data', (d) => { console.log('traffic bytes ' + d.length); c.destroy(); }); c.on('error', () => {}); });" +
    "s.listen(0, '127.0.0.1', () => { console.log('port ' + s.address().port); console.log('ready'); });" +
    'setInterval(() => {}, 1000);'
  );
}

function traffic(t: Target): string[] {
  return t.lines.filter((l) => l.startsWith('traffic'));
}

function appPort(t: Target): number {
  const line = t.lines.find((l) => l.startsWith('port '));
  assert.ok(line, 'the app server printed its port');
  return Number(line.slice(5));
}


const settle = () => new Promise((r) => setTimeout(r, 300));

test('listing processes sends nothing to app ports; known and random inspector ports are still found', async () => {
  const plain = await startTarget(appServer(), []);
  const knownPort = await freePort();
  const known = await startTarget(appServer(), [`--inspect=127.0.0.1:${knownPort}`]);
  const fromCode = await startTarget(appServer(true), []);
  // Port 0 through NODE_OPTIONS (read from /proc/PID/environ): the flags say "on, port unknown".
  const random = await startTarget("setInterval(() => {}, 1000); console.log('ready');", [], process.execPath, {
    ...process.env,
    NODE_OPTIONS: '--inspect=127.0.0.1:0',
  });

  const list = await listNodeProcesses();
  await settle();
  const byPid = new Map(list.map((p) => [p.pid, p]));
  assert.equal(byPid.get(plain.pid)?.inspector, null);
  assert.deepEqual(byPid.get(known.pid)?.inspector, { host: '127.0.0.1', port: knownPort });
  assert.equal(byPid.get(fromCode.pid)?.inspector, null, 'an inspector no flag tells of is found only when probing');
  const randomAt = byPid.get(random.pid)?.inspector;
  assert.ok(randomAt && randomAt.port !== 0, `--inspect=0 found by probing: ${JSON.stringify(randomAt)}`);
  for (const t of [plain, known, fromCode]) assert.deepEqual(traffic(t), [], `pid ${t.pid}'s app port got traffic from a listing`);

  // Asked to probe: the inspector opened from code is found, at the price of asking the app port.
  const probed = await describeLinuxProcess(fromCode.pid, undefined, { probe: true });
  assert.ok(probed?.inspector && probed.inspector.port !== appPort(fromCode), `probe finds it: ${JSON.stringify(probed?.inspector)}`);

  // The counter itself works: one connection with a byte shows up.
  const c = connect(appPort(plain), '127.0.0.1', () => c.write('x'));
  c.on('error', () => undefined);
  await settle();
  assert.deepEqual(traffic(plain), ['traffic connect', 'traffic bytes 1']);
});
