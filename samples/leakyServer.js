'use strict';
// A small leaky HTTP server for trying Heapscope (`npm start` runs it; the e2e tests attach to
// it). It leaks the two ways Heapscope names first, using the workloads of the detector
// fixtures: cached ETag buffers pinning retired 8 KiB pool slabs (pooled-buffer-slice), and a
// cancel handler whose shared closure context keeps a job's rows alive (long-lived-closure).
// One round of each runs every --interval-ms (default 2000), up to --max-rounds (default 30;
// about 1.7 MB leaks per round), so memory grows between snapshots of a leak series. It also keeps a string that looks like
// markup, to show that Heapscope renders snapshot strings as text.
//   node samples/leakyServer.js [--port 0] [--interval-ms 2000] [--max-rounds 30]
// Prints {"ready":true,"pid":N,"url":"http://127.0.0.1:PORT/"} once listening.
const http = require('node:http');
const path = require('node:path');

const fixtures = path.join(__dirname, '..', 'test', 'fixtures');
const workloads = [
  require(path.join(fixtures, 'pooledBufferSliceA.js')).makeWorkload({ fixed: false }),
  require(path.join(fixtures, 'longLivedClosure.js')).makeWorkload({ fixed: false }),
];

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const intervalMs = arg('--interval-ms', 2000);
const maxRounds = arg('--max-rounds', 30);
const port = arg('--port', 0);

// Kept at module scope, as a server's state is; the key is untrusted-looking text on purpose.
const labels = new Map([['<img src=x onerror=alert(1)>', { note: 'snapshot strings are data, not markup' }]]);

let rounds = 0;
const timer = setInterval(() => {
  if (rounds >= maxRounds) return;
  rounds++;
  for (const w of workloads) w.round(rounds);
}, intervalMs);

const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(`leaky sample server, pid ${process.pid}: ${rounds} rounds leaked so far (${labels.size} label)\n`);
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, url: `http://127.0.0.1:${address.port}/` })}\n`);
});

function stop() {
  clearInterval(timer);
  server.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// A parent that goes away (e.g. `npm start` killed) takes the sample with it.
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.resume();
  process.stdin.on('end', stop);
}
