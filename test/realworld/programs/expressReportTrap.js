'use strict';
// An express reporting endpoint loads an account's ledger rows, renders the report, and
// registers a small "refresh total" callback per report for a dashboard widget. The callback
// only reads `total`, but the route's other closure (`topRows`) uses `rows`, and V8 gives all
// closures of one scope one shared context: each registered callback keeps its report's rows.
// Fix: build the callback outside the scope holding `rows` (or null `rows` after use) and drop
// callbacks when the widget goes away.
const express = require('express');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const REPORTS_PER_ROUND = 40;
const ROWS_PER_REPORT = 150;

const widgetRefreshers = new Map();

function loadLedgerRows(accountId) {
  return Array.from({ length: ROWS_PER_REPORT }, (_, i) => ({ accountId, entry: i, amount: (i * 37) % 1000, memo: `Invoice ${accountId}-${i} settled by bank transfer` }));
}

const app = express();
app.get('/accounts/:id/report', (req, res) => {
  const rows = loadLedgerRows(req.params.id);
  const total = rows.reduce((s, r) => s + r.amount, 0);
  const topRows = () => rows.slice().sort((a, b) => b.amount - a.amount).slice(0, 5);
  widgetRefreshers.set(req.params.id, function refreshTotal() {
    return total;
  });
  res.json({ account: req.params.id, total, top: topRows() });
});

let server;
let sent = 0;

runFixture('express-report-trap', [{
  async setup() {
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, REPORTS_PER_ROUND, () => ({ path: `/accounts/acct-${sent++}/report` }), 4);
  },
  truth: () => widgetRefreshers.size,
  async teardown() {
    stopAgent();
    await server.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
