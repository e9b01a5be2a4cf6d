'use strict';
// A GraphQL-style express API batches user lookups with dataloader, but creates one loader at
// startup and shares it across requests. DataLoader memoises every key it has loaded for the
// life of the loader, so its cache holds every user ever requested.
// Fix: a new DataLoader per request (or `cache: false` on a shared one).
const DataLoader = require('dataloader');
const express = require('express');
const { runFixture } = require('../../fixtures/fixtureHarness');
const { listenLocal, load, stopAgent } = require('../support/localHttp');

const REQUESTS_PER_ROUND = 200;
const USERS_PER_REQUEST = 3;

function fetchUsersFromDb(ids) {
  return Promise.resolve(ids.map((id) => ({ id, name: `User ${id}`, email: `user${id}@example.com`, bio: 'Writes about distributed systems. '.repeat(6), roles: ['reader', 'commenter'] })));
}

const userLoader = new DataLoader(fetchUsersFromDb);

const app = express();
app.get('/threads/:id', async (req, res) => {
  const base = Number(req.params.id) * USERS_PER_REQUEST;
  const authors = await userLoader.loadMany(Array.from({ length: USERS_PER_REQUEST }, (_, i) => base + i));
  res.json({ thread: req.params.id, authors: authors.map((a) => a.name) });
});

let server;
let sent = 0;
const requested = new Set();

runFixture('dataloader-long-lived', [{
  async setup() {
    server = await listenLocal(app);
  },
  async round() {
    await load(server.port, REQUESTS_PER_ROUND, () => {
      const id = sent++;
      for (let i = 0; i < USERS_PER_REQUEST; i++) requested.add(id * USERS_PER_REQUEST + i);
      return { path: `/threads/${id}` };
    });
  },
  // The program's own count: distinct user ids it has asked for (each stays cached).
  truth: () => requested.size,
  async teardown() {
    stopAgent();
    await server.close();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
