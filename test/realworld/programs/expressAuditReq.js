'use strict';
// An express API keeps an audit trail of admin changes "for the compliance export" by pushing
// the request itself onto `auditTrail`. Each kept `req` holds its parsed JSON body, headers,
// socket and the whole response through `req.res`, long after the response was sent.
// Fix: push only the fields the audit needs ({ method, path, user, at, bodyHash }), and bound it.
const express = require('express');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const REQUESTS_PER_ROUND = 150;

const auditTrail = [];

const app = express();
app.use(express.json({ limit: '256kb' }));
app.put('/admin/users/:id', (req, res) => {
  auditTrail.push(req);
  res.json({ ok: true, id: req.params.id });
});

let server;
let sent = 0;

runFixture('express-audit-req', [{
  async setup() {
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, REQUESTS_PER_ROUND, () => {
      const id = sent++;
      return { method: 'PUT', path: `/admin/users/${id}`, body: { id, roles: ['editor'], profile: { bio: 'Reviewed by the admin team. '.repeat(10) } }, headers: { authorization: `Bearer admin-${id % 7}` } };
    });
  },
  truth: () => auditTrail.length,
  async teardown() {
    stopAgent();
    await server.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
