'use strict';
// A multi-tenant API builds a `node-cache` per request to memoise a tenant's settings ("so tenants
// never see each other's data") and never closes it: every NodeCache starts its own check-period
// timer that re-arms itself forever and keeps the cache, and its data, alive.
// Fix: one cache for all tenants keyed by tenant (or one per tenant, made once), or
// `cache.close()` when the request ends.
const NodeCache = require('node-cache');
const { runFixture } = require('../../fixtures/fixtureHarness');

const REQUESTS_PER_ROUND = 30;

let opened = 0;
let closed = 0;

function loadSettings(tenantId) {
  const cache = new NodeCache({ stdTTL: 300, checkperiod: 60, useClones: false });
  opened += 1;
  let settings = cache.get('settings');
  if (!settings) {
    settings = { tenantId, theme: 'dark', flags: new Array(30).fill(tenantId), loadedAt: Date.now() };
    cache.set('settings', settings);
  }
  return settings;
}

runFixture('node-cache-per-tenant', [
  {
    settleMs: 100,
    round(n) {
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) loadSettings(`tenant-${n}-${i}`);
    },
    // Caches the program made and never closed (each keeps its check-period timer).
    truth: () => opened - closed,
  },
]).catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
