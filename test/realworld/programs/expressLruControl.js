'use strict';
// Control: an express product API with an lru-cache in front of its "database", bounded by
// `max`. The cache fills during the first round and then evicts as fast as it inserts: memory
// stays flat, and Heapscope must report nothing.
const express = require('express');
const { LRUCache } = require('lru-cache');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const REQUESTS_PER_ROUND = 400;
const CACHE_MAX = 200;

const productCache = new LRUCache({ max: CACHE_MAX });

function loadProduct(id) {
  return { id, name: `Product ${id}`, description: 'A sturdy thing. '.repeat(20), price: (id % 97) + 0.99 };
}

const app = express();
app.get('/products/:id', (req, res) => {
  const id = Number(req.params.id);
  let product = productCache.get(id);
  if (!product) {
    product = loadProduct(id);
    productCache.set(id, product);
  }
  res.json(product);
});

let server;
let sent = 0;

runFixture('express-lru-control', [{
  async setup() {
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, REQUESTS_PER_ROUND, () => ({ path: `/products/${sent++}` }));
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
