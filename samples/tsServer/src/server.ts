// A small HTTP server written in TypeScript, for trying Heapscope's source maps: compile it with
// `tsc -p samples/tsServer` (or bundle it with esbuild) and the leak Heapscope finds is shown at
// its line in src/reportJobs.ts, not in the JavaScript that runs.
//   node dist/server.js [--interval-ms 1000] [--max-rounds 30]   leaks a few jobs per interval
//   node dist/server.js --snapshots DIR [--rounds 3]             writes a snapshot after each round, then exits
// Prints {"ready":true,"pid":N,"url":…} once listening, or {"snapshot":FILE} per snapshot.
import * as http from 'node:http';
import * as path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { jobStats, runReport } from './reportJobs';

const JOBS_PER_ROUND = 4;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

let round = 0;
function leakRound(): void {
  round++;
  for (let i = 0; i < JOBS_PER_ROUND; i++) runReport(`job-${round}-${i}`);
}

const snapshotDir = arg('--snapshots');
if (snapshotDir !== undefined) {
  const rounds = Number(arg('--rounds') ?? 3);
  for (let n = 1; n <= rounds; n++) {
    leakRound();
    const file = writeHeapSnapshot(path.join(snapshotDir, `tsServer-${process.pid}-${n}.heapsnapshot`));
    process.stdout.write(`${JSON.stringify({ snapshot: file })}\n`);
  }
} else {
  const intervalMs = Number(arg('--interval-ms') ?? 1000);
  const maxRounds = Number(arg('--max-rounds') ?? 30);
  const timer = setInterval(() => {
    if (round < maxRounds) leakRound();
  }, intervalMs);
  const server = http.createServer((_req, res) => {
    const stats = jobStats();
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(`TypeScript sample server, pid ${process.pid}: ${stats.jobs} jobs, ${stats.handlers} cancel handlers kept\n`);
  });
  server.listen(Number(arg('--port') ?? 0), '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, url: `http://127.0.0.1:${port}/` })}\n`);
  });
  const stop = (): void => {
    clearInterval(timer);
    server.close();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
