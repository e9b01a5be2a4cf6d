'use strict';
// A device gateway answers HTTP requests by asking the device over MQTT (request/response over a
// shared `mqtt` client): per request it publishes a command and adds a 'message' listener to the
// shared client to catch the reply, but never removes it once the reply came. The client's
// 'message' listeners grow by one per request, each keeping its request's state. The broker
// (aedes) and the device run in the same process on 127.0.0.1.
// Fix: `client.off('message', onReply)` once the reply arrived (or one listener for all replies,
// dispatching by correlation id from a Map that is deleted from on reply).
const net = require('node:net');
const { Aedes } = require('aedes');
const mqtt = require('mqtt');
const { runFixture } = require('../../fixtures/fixtureHarness');

const REQUESTS_PER_ROUND = 30;

let broker;
let brokerServer;
let gateway;
let device;
let listenersAdded = 0;
let requestNo = 0;

/** Sends a command to the device and waits for its reply on the shared gateway client. */
function askDevice(command) {
  const id = `req-${requestNo++}`;
  const pending = { id, command, startedAt: Date.now(), trace: new Array(16).fill(id) };
  return new Promise((resolve) => {
    gateway.on('message', function onReply(topic, payload) {
      const reply = JSON.parse(payload.toString());
      if (reply.id === pending.id) resolve(reply);
    });
    listenersAdded += 1;
    gateway.publish('devices/d1/commands', JSON.stringify({ id, command }));
  });
}

function connected(client) {
  return new Promise((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
}

runFixture('mqtt-message-listeners', [
  {
    settleMs: 150,
    async setup() {
      broker = await Aedes.createBroker();
      brokerServer = net.createServer(broker.handle);
      await new Promise((resolve) => brokerServer.listen(0, '127.0.0.1', resolve));
      const url = `mqtt://127.0.0.1:${brokerServer.address().port}`;
      device = mqtt.connect(url, { clientId: 'device-d1' });
      await connected(device);
      await device.subscribeAsync('devices/d1/commands');
      device.on('message', (topic, payload) => {
        const { id, command } = JSON.parse(payload.toString());
        device.publish('devices/d1/replies', JSON.stringify({ id, ok: true, command }));
      });
      gateway = mqtt.connect(url, { clientId: 'gateway' });
      await connected(gateway);
      await gateway.subscribeAsync('devices/d1/replies');
      gateway.setMaxListeners(0);
    },
    async round() {
      const asks = [];
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) asks.push(askDevice(i % 2 ? 'status' : 'reboot?'));
      await Promise.all(asks);
    },
    truth: () => listenersAdded,
    async teardown() {
      await gateway.endAsync();
      await device.endAsync();
      brokerServer.close();
      broker.close();
    },
  },
]).catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
