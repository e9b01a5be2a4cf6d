'use strict';
// A backend-for-frontend calls an inventory service through one shared axios instance and, to
// forward each caller's auth token, adds a request interceptor per incoming request without ever
// ejecting it: the instance's interceptor list grows by one per request, each interceptor keeping
// its request's token and user record, and every later call runs all of them.
// Fix: pass the header in the call's config (`api.get(url, { headers })`), or keep the id from
// `use()` and `api.interceptors.request.eject(id)` when the request ends.
const http = require('node:http');
const axios = require('axios');
const { runFixture } = require('../../fixtures/fixtureHarness');

const REQUESTS_PER_ROUND = 40;

let inventory;
let api;
let interceptorsAdded = 0;

async function handleCheckout(user) {
  api.interceptors.request.use(function forwardAuth(config) {
    config.headers.authorization = `Bearer ${user.token}`;
    return config;
  });
  interceptorsAdded += 1;
  const { data } = await api.get(`/stock/${user.cart[0]}`);
  return data;
}

runFixture('axios-interceptors', [
  {
    settleMs: 100,
    async setup() {
      inventory = http.createServer((req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ sku: req.url.split('/').pop(), inStock: 3 }));
      });
      // Longer than a round on a busy machine: the keep-alive agent must never reuse a connection the server is closing.
      inventory.keepAliveTimeout = 120_000;
      await new Promise((resolve) => inventory.listen(0, '127.0.0.1', resolve));
      api = axios.create({
        baseURL: `http://127.0.0.1:${inventory.address().port}`,
        timeout: 2000,
        httpAgent: new http.Agent({ keepAlive: true, maxSockets: 8 }),
      });
    },
    async round(n) {
      const calls = [];
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        const user = { id: `u${n}-${i}`, token: `tok-${n}-${i}-${'x'.repeat(40)}`, cart: [`sku-${i % 7}`] };
        calls.push(handleCheckout(user));
      }
      await Promise.all(calls);
    },
    truth: () => interceptorsAdded,
    async teardown() {
      inventory.closeAllConnections();
      inventory.close();
    },
  },
]).catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
