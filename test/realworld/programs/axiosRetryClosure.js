'use strict';
// A webhook dispatcher posts each event to subscribers with axios and registers a retry closure
// per delivery, in case the subscriber fails. The closure captures the whole event payload.
// Deliveries that succeed are never removed from `retryHandlers`, so every payload stays.
// Fix: delete the handler when the delivery succeeds (or keep only the delivery id and reload).
const axios = require('axios');
const express = require('express');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, stopAgent } = require('../support/localHttp');

const DELIVERIES_PER_ROUND = 60;

const retryHandlers = new Map();
let nextDelivery = 0;
let server;
const client = axios.create({ timeout: 5000 });

function buildPayload(id) {
  return { id, type: 'invoice.paid', lines: Array.from({ length: 40 }, (_, i) => ({ sku: `SKU-${i}`, qty: i % 5, note: `line ${i} of invoice ${id}` })) };
}

async function deliver(url) {
  const deliveryId = `d-${nextDelivery++}`;
  const payload = buildPayload(deliveryId);
  const send = () => client.post(url, payload);
  retryHandlers.set(deliveryId, function retryDelivery() {
    return send();
  });
  await send();
}

const receiver = express();
receiver.use(express.json({ limit: '1mb' }));
receiver.post('/hooks/billing', (req, res) => res.status(204).end());

runFixture('axios-retry-closure', [{
  async setup() {
    server = await listenLocal(receiver);
  },
  async round() {
    const url = `http://127.0.0.1:${server.port}/hooks/billing`;
    for (let i = 0; i < DELIVERIES_PER_ROUND; i += 6) await Promise.all(Array.from({ length: 6 }, () => deliver(url)));
  },
  truth: () => retryHandlers.size,
  async teardown() {
    stopAgent();
    await server.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
