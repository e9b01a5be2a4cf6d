'use strict';
// A service calls a pricing backend over a JSON-RPC-over-WebSocket link (`ws`). Each call puts
// its resolver in `pendingCalls` and awaits the reply. The backend never answers `reserve` for
// items it does not stock (a bug on its side), and the client has no timeout: every such call
// stays suspended forever, with its request and resolver.
// Fix: a deadline per call that rejects it and deletes its entry; reject all on 'close'.
const { WebSocketServer, WebSocket } = require('ws');
const { runFixture } = require('../../fixtures/fixtureHarness');

const CALLS_PER_ROUND = 120;

let wss;
let link;
let nextId = 0;
let nextSku = 0;
const pendingCalls = new Map();

function rpc(method, params) {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pendingCalls.set(id, { resolve, reject, method, params, sentAt: Date.now() });
    link.send(JSON.stringify({ id, method, params }));
  });
}

async function reserveItem(sku, qty) {
  const reply = await rpc('reserve', { sku, qty, note: `reservation for order with ${qty} × ${sku}` });
  return reply.reservationId;
}

runFixture('ws-rpc-pending', [{
  settleMs: 100,
  setup() {
    return new Promise((resolve, reject) => {
      wss = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => {
        link = new WebSocket(`ws://127.0.0.1:${wss.address().port}/rpc`);
        link.on('message', (data) => {
          const msg = JSON.parse(data);
          const call = pendingCalls.get(msg.id);
          if (!call) return;
          pendingCalls.delete(msg.id);
          call.resolve(msg.result);
        });
        link.on('open', resolve);
        link.on('error', reject);
      });
      wss.on('connection', (socket) => {
        socket.on('message', (data) => {
          const { id, params } = JSON.parse(data);
          const inStock = !params.sku.endsWith('7');
          if (inStock) socket.send(JSON.stringify({ id, result: { reservationId: `r-${id}` } }));
          // out of stock: no reply at all
        });
      });
    });
  },
  async round() {
    const calls = [];
    for (let i = 0; i < CALLS_PER_ROUND; i++) calls.push(reserveItem(`SKU-${nextSku++}`, 1 + (i % 3)));
    await new Promise((r) => setTimeout(r, 50));
  },
  truth: () => pendingCalls.size,
  teardown() {
    link.terminate();
    return new Promise((resolve) => wss.close(() => resolve()));
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
