'use strict';
// A telemetry gateway on `ws` remembers each device's last status message for a dashboard.
// Devices send their readings in bursts; TCP delivers a burst as one socket read chunk, and ws
// hands out each message as a small Buffer view into that chunk (no copy). Keeping only the last
// message per device keeps the whole ~35 KB chunk it was cut from, for every device ever seen.
// Fix: store a copy (`Buffer.from(data)`) or the parsed fields, and delete on 'close'.
const { WebSocketServer, WebSocket } = require('ws');
const { runFixture } = require('../../fixtures/fixtureHarness');

const DEVICES_PER_ROUND = 40;
const MESSAGES_PER_BURST = 100;

const lastStatusByDevice = new Map();

let wss;
let port;
let nextDevice = 0;

function deviceSession(deviceId) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/telemetry?device=${deviceId}`, { perMessageDeflate: false });
    ws.on('error', reject);
    ws.on('open', () => {
      // One burst: the messages leave in one write, so they arrive as one read on the server.
      const frames = [];
      for (let i = 0; i < MESSAGES_PER_BURST; i++) {
        frames.push(JSON.stringify({ device: deviceId, seq: i, temperature: 20 + (i % 7), battery: 90 - (i % 13), pad: 'x'.repeat(280) }));
      }
      ws._socket.cork();
      for (const f of frames) ws.send(f);
      ws._socket.uncork();
      ws.send('done');
    });
    ws.on('message', (data) => {
      if (String(data) === 'ack') ws.close();
    });
    ws.on('close', () => resolve());
  });
}

runFixture('ws-last-message', [{
  settleMs: 100,
  setup() {
    return new Promise((resolve) => {
      wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false }, () => {
        port = wss.address().port;
        resolve();
      });
      wss.on('connection', (socket, req) => {
        const device = new URL(req.url, 'http://x').searchParams.get('device');
        socket.on('message', (data, isBinary) => {
          if (!isBinary && data.length === 4 && String(data) === 'done') {
            socket.send('ack');
            return;
          }
          lastStatusByDevice.set(device, data);
        });
      });
    });
  },
  async round() {
    const sessions = [];
    for (let i = 0; i < DEVICES_PER_ROUND; i++) sessions.push(deviceSession(`dev-${nextDevice++}`));
    await Promise.all(sessions);
  },
  truth: () => lastStatusByDevice.size,
  teardown() {
    return new Promise((resolve) => wss.close(() => resolve()));
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
