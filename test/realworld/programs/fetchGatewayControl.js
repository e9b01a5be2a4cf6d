'use strict';
// Control: an express gateway that calls an upstream service with the global fetch() (undici in
// Node) for every request and keeps nothing. Node itself records a resource timing entry per
// fetch in a module-level buffer that it caps at 250 entries; in a short series that buffer grows
// at every snapshot, so a detector that does not know Node bounds it blames the user.
const express = require('express');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const REQUESTS_PER_ROUND = 60;

const upstream = express();
upstream.get('/prices/:sku', (req, res) => res.json({ sku: req.params.sku, cents: 1999, currency: 'EUR' }));

const app = express();
let upstreamUrl;
app.get('/products/:sku', async (req, res) => {
  const reply = await fetch(`${upstreamUrl}/prices/${encodeURIComponent(req.params.sku)}`);
  const price = await reply.json();
  res.json({ sku: req.params.sku, price });
});

let server;
let upstreamServer;
let sent = 0;

runFixture('fetch-gateway-control', [{
  async setup() {
    upstreamServer = await listenLocal(upstream);
    upstreamUrl = `http://127.0.0.1:${upstreamServer.port}`;
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, REQUESTS_PER_ROUND, () => ({ path: `/products/sku-${sent++}` }));
  },
  truth: () => 0,
  async teardown() {
    stopAgent();
    await server.close();
    await upstreamServer.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
