'use strict';
// An IP-geolocation middleware memoises lookups in node-cache, created without `stdTTL` or
// `maxKeys`: every client address ever seen stays cached (node-cache's check-period timer only
// removes entries that have a TTL). Fix: `new NodeCache({ stdTTL: 3600, maxKeys: 10_000 })`.
const NodeCache = require('node-cache');
const express = require('express');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const REQUESTS_PER_ROUND = 300;

const geoCache = new NodeCache({ useClones: false });

function lookupGeo(ip) {
  const n = ip.split('.').reduce((s, p) => s * 31 + Number(p), 7);
  return { ip, country: ['DE', 'FR', 'US', 'JP'][n % 4], city: `City ${n % 997}`, lat: (n % 180) - 90, lon: (n % 360) - 180, asn: `AS${n % 65000}`, org: 'Example Networks GmbH' };
}

const app = express();
app.use((req, res, next) => {
  const ip = req.get('x-forwarded-for');
  let geo = geoCache.get(ip);
  if (!geo) {
    geo = lookupGeo(ip);
    geoCache.set(ip, geo);
  }
  res.locals.country = geo.country;
  next();
});
app.get('/price', (req, res) => res.json({ currency: res.locals.country === 'US' ? 'USD' : 'EUR', amount: 9.99 }));

let server;
let sent = 0;

runFixture('node-cache-memo', [{
  async setup() {
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, REQUESTS_PER_ROUND, () => {
      const n = sent++;
      return { path: '/price', headers: { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } };
    });
  },
  truth: () => geoCache.keys().length,
  async teardown() {
    stopAgent();
    geoCache.close();
    await server.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
