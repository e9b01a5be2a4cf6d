'use strict';
// Control: a `ws` chat room that broadcasts each message to every member and deletes a member
// from `members` on 'close'. Clients join, talk and leave every round; nothing stays behind
// them, so Heapscope must report nothing.
const { WebSocketServer, WebSocket } = require('ws');
const { runFixture } = require('../../fixtures/fixtureHarness');

const CLIENTS_PER_ROUND = 30;

const members = new Set();
let wss;
let port;
let delivered = 0;

function member(n) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/room`);
    ws.on('error', reject);
    ws.on('open', () => {
      for (let i = 0; i < 5; i++) ws.send(JSON.stringify({ from: `m${n}`, text: `hello ${i}` }));
      ws.send('bye');
    });
    ws.on('message', (data) => {
      delivered += 1;
      if (String(data) === 'bye-ack') ws.close();
    });
    ws.on('close', () => resolve());
  });
}

runFixture('ws-broadcast-control', [{
  settleMs: 150,
  setup() {
    return new Promise((resolve) => {
      wss = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => {
        port = wss.address().port;
        resolve();
      });
      wss.on('connection', (socket) => {
        members.add(socket);
        socket.on('message', (data) => {
          if (String(data) === 'bye') return socket.send('bye-ack');
          const text = data.toString();
          for (const m of members) if (m.readyState === WebSocket.OPEN) m.send(text);
        });
        socket.on('close', () => members.delete(socket));
      });
    });
  },
  async round() {
    await Promise.all(Array.from({ length: CLIENTS_PER_ROUND }, (_, i) => member(i)));
  },
  truth: () => members.size,
  teardown() {
    return new Promise((resolve) => wss.close(() => resolve()));
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
