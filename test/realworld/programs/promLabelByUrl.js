'use strict';
// An express API counts its requests with prom-client, labelled by `req.originalUrl`. Every
// order id and query string makes a new label set, and prom-client keeps every label set it has
// seen for the life of the registry: the metric's series map grows with the traffic.
// Fix: label by the route template (`req.route.path`, e.g. `/orders/:id`), never the raw URL.
const express = require('express');
const client = require('prom-client');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const REQUESTS_PER_ROUND = 300;

const registry = new client.Registry();
const httpRequests = new client.Counter({
  name: 'http_requests_total',
  help: 'Requests served',
  labelNames: ['method', 'path', 'status'],
  registers: [registry],
});

const app = express();
app.use((req, res, next) => {
  res.on('finish', () => httpRequests.inc({ method: req.method, path: req.originalUrl, status: String(res.statusCode) }));
  next();
});
app.get('/orders/:id', (req, res) => res.json({ id: req.params.id, state: 'shipped' }));
app.get('/metrics', async (req, res) => res.type('text/plain').send(await registry.metrics()));

let server;
let sent = 0;

runFixture('prom-label-by-url', [{
  async setup() {
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, REQUESTS_PER_ROUND, () => ({ path: `/orders/${100000 + sent++}?expand=items` }));
  },
  truth: () => Object.keys(httpRequests.hashMap).length,
  async teardown() {
    stopAgent();
    await server.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
