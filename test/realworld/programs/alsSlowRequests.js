'use strict';
// A request-context middleware runs each request in an AsyncLocalStorage store ({ req, user,
// startedAt }); a "slow request" sampler keeps the store of every request over its budget for a
// debug page. The store holds the request, so each sampled entry keeps a finished request with
// its body and socket. Fix: keep a summary (`{ url, ms, user }`) instead of the store, bounded.
const { AsyncLocalStorage } = require('node:async_hooks');
const express = require('express');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const REQUESTS_PER_ROUND = 200;
const requestContext = new AsyncLocalStorage();
const slowRequests = [];

const app = express();
app.use(express.json());
app.use((req, res, next) => requestContext.run({ req, user: req.get('x-user'), startedAt: process.hrtime.bigint() }, next));
app.use((req, res, next) => {
  res.on('finish', () => {
    const store = requestContext.getStore();
    // The budget is tight: the search endpoint always exceeds it.
    if (store && req.path.startsWith('/search')) slowRequests.push(store);
  });
  next();
});
app.post('/search', (req, res) => res.json({ hits: [], query: req.body.q }));
app.get('/health', (req, res) => res.send('ok'));

let server;
let sent = 0;

runFixture('als-slow-requests', [{
  async setup() {
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, REQUESTS_PER_ROUND, () => {
      const n = sent++;
      return n % 2 === 0
        ? { method: 'POST', path: '/search', body: { q: `term ${n} `.repeat(30), filters: { lang: 'en', since: '2026-01-01' } }, headers: { 'x-user': `u${n % 13}` } }
        : { path: '/health' };
    });
  },
  truth: () => slowRequests.length,
  async teardown() {
    stopAgent();
    await server.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
