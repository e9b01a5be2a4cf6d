'use strict';
// An express API caches rendered product pages in node-cache with a check period but neither
// `stdTTL` nor `maxKeys`: every product URL adds an entry that never expires. node-cache's own
// check-period timer holds the cache too (its `_checkData` is bound to the cache), and through
// Node's timer list that is the shortest way to it; the user knows it as `responseCache`.
// Fix: give the cache a `stdTTL` (and `maxKeys`), or use a bounded cache.
const express = require('express');
const NodeCache = require('node-cache');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const REQUESTS_PER_ROUND = 300;

const responseCache = new NodeCache({ checkperiod: 600, useClones: false });

function renderProduct(id) {
  return { id, title: `Product ${id}`, html: `<article data-id="${id}">${'<p>details</p>'.repeat(8)}</article>` };
}

const products = express.Router();
products.get('/:id', (req, res) => {
  let page = responseCache.get(req.originalUrl);
  if (page === undefined) {
    page = renderProduct(req.params.id);
    responseCache.set(req.originalUrl, page);
  }
  res.json(page);
});

const api = express.Router();
api.use('/products', products);
const app = express();
app.use('/api/v1', api);

let server;
let sent = 0;

runFixture('node-cache-checkperiod', [{
  async setup() {
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, REQUESTS_PER_ROUND, () => ({ path: `/api/v1/products/${200000 + sent++}` }));
  },
  truth: () => responseCache.keys().length,
  async teardown() {
    stopAgent();
    responseCache.close();
    await server.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
