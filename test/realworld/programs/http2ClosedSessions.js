'use strict';
// An HTTP/2 API gateway tracks its client sessions in a Set so it can send GOAWAY to all of them
// on shutdown, but never removes a session when it closes: each closed ServerHttp2Session, with
// its socket and per-session stats, stays in `sessions`.
// Fix: `session.on('close', () => sessions.delete(session))`.
const http2 = require('node:http2');
const { runFixture } = require('../../fixtures/fixtureHarness');

const CLIENTS_PER_ROUND = 25;

const sessions = new Set();
let server;
let port = 0;

function shutdown() {
  for (const session of sessions) if (!session.closed) session.goaway();
}

/** A client: opens a session, does one request, closes it. */
function callOnce(n) {
  return new Promise((resolve, reject) => {
    const client = http2.connect(`http://127.0.0.1:${port}`);
    client.on('error', reject);
    const req = client.request({ ':path': `/items/${n}` });
    req.setEncoding('utf8');
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      client.close(() => resolve(body));
    });
    req.end();
  });
}

runFixture('http2-closed-sessions', [
  {
    settleMs: 200,
    async setup() {
      server = http2.createServer();
      server.on('session', (session) => {
        session.stats = { opened: Date.now(), streams: 0 };
        sessions.add(session);
      });
      server.on('stream', (stream, headers) => {
        stream.session.stats.streams += 1;
        stream.respond({ ':status': 200, 'content-type': 'application/json' });
        stream.end(JSON.stringify({ path: headers[':path'] }));
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = server.address().port;
    },
    async round(n) {
      const calls = [];
      for (let i = 0; i < CLIENTS_PER_ROUND; i++) calls.push(callOnce(n * 1000 + i));
      await Promise.all(calls);
    },
    truth: () => [...sessions].filter((session) => session.destroyed).length,
    async teardown() {
      shutdown();
      server.close();
    },
  },
]).catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
