import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProcNetTcp, pidsListeningOn, listeningSocketsOf } from '../../src/inspector/listeningSockets';
import { killAllTargets, startTarget } from './nodeTargets';

after(killAllTargets);

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:2405 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 100 0 0 10 0
   2: 0100007F:2405 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:2406 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5151 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5252 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:2407 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5353 1 0000000000000000 100 0 0 10 0
`;

test('parses listening sockets of /proc/net/tcp and skips other states', () => {
  assert.deepEqual(parseProcNetTcp(TCP), [
    { address: '127.0.0.1', port: 9221, inode: 4242 },
    { address: '0.0.0.0', port: 8080, inode: 4343 },
  ]);
});

test('parses /proc/net/tcp6: loopback, wildcard and v4-mapped addresses', () => {
  assert.deepEqual(parseProcNetTcp(TCP6), [
    { address: '::1', port: 9222, inode: 5151 },
    { address: '::', port: 80, inode: 5252 },
    { address: '::ffff:127.0.0.1', port: 9223, inode: 5353 },
  ]);
});

test('finds which process listens on a port, from real /proc', async () => {
  const server = await startTarget(
    "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log('port ' + s.address().port); console.log('ready'); });",
    [],
  );
  const line = server.lines.find((l) => l.startsWith('port '));
  assert.ok(line, 'the server printed its port');
  const port = Number(line.slice(5));
  assert.deepEqual(await pidsListeningOn(port), [server.pid]);
  assert.deepEqual((await listeningSocketsOf(server.pid)).map((s) => [s.address, s.port]), [['127.0.0.1', port]]);
  await server.kill();
  assert.deepEqual(await pidsListeningOn(port), []);
});
