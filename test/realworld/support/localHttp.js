'use strict';
// Load for the corpus's servers: each runs on 127.0.0.1 (port 0) in the program's own process,
// and a keep-alive client sends it requests between snapshots, as a load test would.
const http = require('node:http');

/** Listens on 127.0.0.1 on a free port (a request handler gets its own server); resolves to { port, close, server }. */
function listenLocal(serverOrHandler) {
  const server = typeof serverOrHandler === 'function' ? http.createServer(serverOrHandler) : serverOrHandler;
  // Snapshots between rounds can take seconds: idle keep-alive sockets must outlive them, or the
  // server closes one just as the client reuses it (ECONNRESET).
  server.keepAliveTimeout = 120_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        server,
        port: server.address().port,
        close: () => new Promise((done) => {
          if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** One request; resolves to { status, body } (the body as a string). */
function request(port, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request({
      host: '127.0.0.1', port, method, path, agent,
      headers: payload === undefined ? headers : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Sends `count` requests built by `make(i)`, `parallel` at a time. */
async function load(port, count, make, parallel = 8) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const { method = 'GET', path, body, headers } = make(next++);
      const res = await request(port, method, path, body, headers);
      if (res.status >= 500) throw new Error(`${method} ${path}: ${res.status} ${res.body}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

function stopAgent() {
  agent.destroy();
}

module.exports = { listenLocal, request, load, stopAgent };
