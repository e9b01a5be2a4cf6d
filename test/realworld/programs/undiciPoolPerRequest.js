'use strict';
// A service calls its pricing backend with undici and, to get "a fresh connection", builds a new
// `Pool` per incoming request and never closes it: each Pool keeps its keep-alive connection
// open (a TCP handle with its buffers), one more per request, until the process runs out of file
// descriptors.
// Fix: one Pool (or undici's global dispatcher) for the whole app; or `await pool.close()` when done.
const http = require('node:http');
const { Pool } = require('undici');
const { runFixture } = require('../../fixtures/fixtureHarness');

const REQUESTS_PER_ROUND = 25;

let pricing;
let origin;
const opened = new Set();
const closed = new WeakSet();

async function quote(sku) {
  const pool = new Pool(origin, { connections: 1, keepAliveTimeout: 120_000 });
  opened.add(new WeakRef(pool));
  const { body } = await pool.request({ path: `/price/${sku}`, method: 'GET' });
  return body.json();
}

runFixture('undici-pool-per-request', [
  {
    settleMs: 150,
    async setup() {
      pricing = http.createServer((req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ sku: req.url.split('/').pop(), cents: 1999 }));
      });
      pricing.keepAliveTimeout = 120_000;
      await new Promise((resolve) => pricing.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${pricing.address().port}`;
    },
    async round(n) {
      const calls = [];
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) calls.push(quote(`${n}-${i}`));
      await Promise.all(calls);
    },
    // Pools the program made that are still alive and not closed: each holds one open connection.
    truth: () => [...opened].map((ref) => ref.deref()).filter((pool) => pool && !pool.closed && !pool.destroyed && !closed.has(pool)).length,
    async teardown() {
      pricing.closeAllConnections();
      pricing.close();
    },
  },
]).catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
