'use strict';
// A page server caches each rendered page's ETag in an lru-cache as `Buffer.from(etag)` so it
// can compare If-None-Match bytes cheaply. Small Buffer.from(string) results are cut out of
// Node's shared pool slab (Buffer.poolSize: 8 KiB, 64 KiB on Node 26) between the page bodies
// rendered alongside; once the pool moves on, each cached ETag keeps its whole retired slab.
// The cache has a `max`, but one far above what a page server should hold in slab memory.
// Fix: cache the ETag string (or an unpooled copy), and a `max` that fits.
const crypto = require('node:crypto');
const { LRUCache } = require('lru-cache');
const express = require('express');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const PAGES_PER_ROUND = 300;

const etagCache = new LRUCache({ max: 100_000 });

function renderArticle(slug) {
  return `<!doctype html><title>${slug}</title><main>${'Lorem ipsum dolor sit amet. '.repeat(90)}</main>`;
}

const app = express();
app.set('etag', false);
app.get('/articles/:slug', (req, res) => {
  const html = renderArticle(req.params.slug);
  const body = Buffer.from(html);
  let etag = etagCache.get(req.params.slug);
  if (!etag) {
    etag = Buffer.from(`"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`);
    etagCache.set(req.params.slug, etag);
  }
  const match = req.headers['if-none-match'];
  if (match && etag.equals(Buffer.from(match))) return res.status(304).end();
  res.set('ETag', etag.toString()).type('html').send(body);
});

let server;
let served = 0;

runFixture('lru-etag-slab', [{
  async setup() {
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, PAGES_PER_ROUND, () => ({ path: `/articles/post-${served++}` }), 1);
  },
  truth: () => etagCache.size,
  async teardown() {
    stopAgent();
    await server.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
