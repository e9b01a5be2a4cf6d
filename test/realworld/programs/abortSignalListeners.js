'use strict';
// An express API passes the process's shutdown signal to every request's work and, to cancel that
// work on shutdown, adds an 'abort' listener to the long-lived AbortSignal per request, never
// removing it: the signal's listener list (an EventTarget, not an EventEmitter) grows by one per
// request, and each listener keeps its request's context.
// Fix: `AbortSignal.any([shutdown.signal, perRequest.signal])`, `{ once: true }` plus
// `removeEventListener` when the request ends, or `events.addAbortListener` and dispose it.
const http = require('node:http');
const express = require('express');
const { runFixture } = require('../../fixtures/fixtureHarness');

const REQUESTS_PER_ROUND = 60;

const shutdown = new AbortController();
let listenersAdded = 0;
let server;
let port = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });

function get(path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}

function startReport(req) {
  const job = { id: req.params.id, rows: new Array(20).fill(req.params.id), cancelled: false };
  shutdown.signal.addEventListener('abort', function cancelReport() {
    job.cancelled = true;
  });
  listenersAdded += 1;
  return job;
}

runFixture('abort-signal-listeners', [
  {
    settleMs: 100,
    async setup() {
      const app = express();
      app.get('/reports/:id', (req, res) => {
        const job = startReport(req);
        res.json({ id: job.id, rows: job.rows.length });
      });
      await new Promise((resolve) => {
        server = app.listen(0, '127.0.0.1', resolve);
      });
      // Longer than a round on a busy machine: the keep-alive agent must never reuse a connection the server is closing.
      server.keepAliveTimeout = 120_000;
      port = server.address().port;
    },
    async round(n) {
      for (let i = 0; i < REQUESTS_PER_ROUND; i += 10) {
        const batch = [];
        for (let j = 0; j < 10; j++) batch.push(get(`/reports/${n}-${i + j}`));
        await Promise.all(batch);
      }
    },
    // The program's own count: every listener it added is still there (none is ever removed).
    truth: () => listenersAdded,
    async teardown() {
      agent.destroy();
      server.closeAllConnections();
      server.close();
    },
  },
]).catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
