'use strict';
// A chat server on `ws` keeps every connection in a Set to broadcast to, and never deletes one
// when it closes: each closed WebSocket (readyState CLOSED), its dead socket and its per-client
// state stay reachable from `chatClients`.
// Fix: `ws.on('close', () => chatClients.delete(ws))`.
const { WebSocketServer, WebSocket } = require('ws');
const { runFixture } = require('../../fixtures/fixtureHarness');

const CLIENTS_PER_ROUND = 40;

const chatClients = new Set();
let wss;
let port = 0;

function broadcast(text) {
  for (const ws of chatClients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
}

/** A browser tab: connects, says hello, reads the welcome, then closes. */
function visit(n) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/chat`);
    ws.on('open', () => ws.send(JSON.stringify({ hello: n })));
    ws.on('message', () => ws.close());
    ws.on('close', resolve);
    ws.on('error', reject);
  });
}

runFixture('ws-closed-set', [
  {
    settleMs: 150,
    async setup() {
      wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      await new Promise((resolve) => wss.on('listening', resolve));
      port = wss.address().port;
      wss.on('connection', (ws) => {
        ws.user = { joined: Date.now(), history: [] };
        chatClients.add(ws);
        ws.on('message', (data) => {
          ws.user.history.push(data.toString());
          ws.send(JSON.stringify({ welcome: chatClients.size }));
        });
      });
    },
    async round(n) {
      const visits = [];
      for (let i = 0; i < CLIENTS_PER_ROUND; i++) visits.push(visit(n * 1000 + i));
      await Promise.all(visits);
      broadcast('round ' + n);
    },
    truth: () => [...chatClients].filter((ws) => ws.readyState === WebSocket.CLOSED).length,
    async teardown() {
      wss.close();
    },
  },
]).catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
