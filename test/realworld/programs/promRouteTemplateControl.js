'use strict';
// Control: the fixed versions of promLabelByUrl.js and dataloaderLongLived.js in one express
// API: the request counter is labelled by route template (`req.route.path`), and each request
// gets its own DataLoader. Label sets and caches stop growing after warm-up.
const express = require('express');
const client = require('prom-client');
const DataLoader = require('dataloader');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const REQUESTS_PER_ROUND = 300;

const registry = new client.Registry();
const httpRequests = new client.Counter({ name: 'http_requests_total', help: 'Requests served', labelNames: ['method', 'route', 'status'], registers: [registry] });
const latency = new client.Histogram({ name: 'http_request_seconds', help: 'Latency', labelNames: ['route'], registers: [registry] });

function fetchUsers(ids) {
  return Promise.resolve(ids.map((id) => ({ id, name: `User ${id}`, bio: 'Writes about distributed systems. '.repeat(6) })));
}

const app = express();
app.use((req, res, next) => {
  req.loaders = { user: new DataLoader(fetchUsers) };
  const end = latency.startTimer();
  res.on('finish', () => {
    const route = req.route ? req.route.path : 'unmatched';
    httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    end({ route });
  });
  next();
});
app.get('/threads/:id', async (req, res) => {
  const base = Number(req.params.id) * 3;
  const authors = await req.loaders.user.loadMany([base, base + 1, base + 2]);
  res.json({ thread: req.params.id, authors: authors.map((a) => a.name) });
});
app.get('/orders/:id', (req, res) => res.json({ id: req.params.id }));

let server;
let sent = 0;

runFixture('prom-route-template-control', [{
  async setup() {
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, REQUESTS_PER_ROUND, () => {
      const n = sent++;
      return { path: n % 2 ? `/threads/${n}` : `/orders/${n}?expand=items` };
    });
  },
  truth: () => 0,
  async teardown() {
    stopAgent();
    await server.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
