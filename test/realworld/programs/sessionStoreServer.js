'use strict';
// An HTTP server whose session store never forgets: every request without a session cookie
// gets a new session in a module-level Map, and nothing ever deletes one (no expiry on idle, no
// delete on logout). Each round is 600 real requests over loopback, so the Map grows by 600
// entries per round. Fix: expire sessions (a TTL store, or delete on logout / idle timeout).
const http = require('node:http');
const { runFixture } = require('../../fixtures/fixtureHarness');

const REQUESTS_PER_ROUND = 600;
const CONCURRENCY = 8;

const sessions = new Map();
let nextSession = 0;

const server = http.createServer((req, res) => {
  const id = `s${++nextSession}-${Math.random().toString(36).slice(2, 10)}`;
  sessions.set(id, { id, createdAt: Date.now(), landingPage: req.url, cart: [] });
  res.setHeader('set-cookie', `sid=${id}; HttpOnly`);
  res.end('ok');
});
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
let port = 0;

function get(path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}

const workload = {
  async setup() {
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
  },
  async round(n) {
    let sent = 0;
    const worker = async () => {
      while (sent < REQUESTS_PER_ROUND) {
        sent++;
        await get(`/landing/${n}/${sent}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  },
  async teardown() {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  },
  truth: () => sessions.size,
};

if (require.main === module) {
  runFixture('session-store', [workload]).catch((error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  });
}
