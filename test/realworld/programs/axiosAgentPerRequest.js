'use strict';
// A webhook relay forwards each event with axios and, copying a snippet meant for one-off
// scripts, gives every call its own keep-alive `http.Agent` that is never destroyed: after each
// call the agent parks its connection in `freeSockets`, open (a TCP handle each) for as long as
// the receiver keeps it, one more per event.
// Fix: one keep-alive agent for the whole app (`axios.create({ httpAgent })`), or
// `agent.destroy()` after the call.
const http = require('node:http');
const axios = require('axios');
const { runFixture } = require('../../fixtures/fixtureHarness');

const EVENTS_PER_ROUND = 25;

let receiver;
let url;
const agents = [];

async function relay(event) {
  const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 30_000 });
  agents.push(new WeakRef(agent));
  await axios.post(url, event, { httpAgent: agent, timeout: 2000 });
}

function parkedSockets(agent) {
  return Object.values(agent.freeSockets).reduce((sum, list) => sum + list.length, 0) + Object.values(agent.sockets).reduce((sum, list) => sum + list.length, 0);
}

runFixture('axios-agent-per-request', [
  {
    settleMs: 150,
    async setup() {
      receiver = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => res.end('{"ok":true}'));
      });
      receiver.keepAliveTimeout = 120_000;
      await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${receiver.address().port}/hooks`;
    },
    async round(n) {
      const calls = [];
      for (let i = 0; i < EVENTS_PER_ROUND; i++) calls.push(relay({ type: 'order.paid', id: `${n}-${i}`, body: 'p'.repeat(200) }));
      await Promise.all(calls);
    },
    // Connections the program's agents still keep open (Node's own bookkeeping of each agent).
    truth: () => agents.map((ref) => ref.deref()).reduce((sum, agent) => sum + (agent ? parkedSockets(agent) : 0), 0),
    async teardown() {
      receiver.closeAllConnections();
      receiver.close();
    },
  },
]).catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
