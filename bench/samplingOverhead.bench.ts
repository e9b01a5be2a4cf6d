// What V8's sampling heap profiler costs a loopback HTTP server (issue 13: requests per second with
// and without sampling at the default interval, against a 5% budget), measured so that a shared,
// loaded machine cancels out as far as it can:
//
//   node --import tsx bench/samplingOverhead.bench.ts [--rounds 8] [--requests 3000] [--connections 1] [--node PATH]
//
// One server process for the whole run (started with its inspector on, so no window pays for
// switching it on), one long-lived client process with --connections keep-alive connections (1 by
// default: with more, a server the machine's load slows gets its requests in batches and spends
// less CPU per request, which then measures the load, not the profiler). Each round runs
// every condition once, in a rotated order, as windows of --requests requests after 300 warm-up
// requests in that condition:
//   idle      inspector on, no session attached;
//   attached  a Heapscope session with HeapProfiler enabled (what a series or `sample` holds), no profiler;
//   s32k      the sampling heap profiler at V8's default 32 KiB (what `--allocation-sites` and `sample` run);
//   s1g       the profiler at a 1 GiB interval: its allocation observer is on but it almost never samples,
//             which tells the observer's cost from the samples'.
// The figure per window is the server's own CPU time per request: every thread's run time from
// /proc/PID/task/*/schedstat (ns), which the target pays whoever else runs; each condition's
// windows are compared with the idle window of the same round (a pair), and the median ratio over
// the rounds is printed, with the quartiles, and with requests/s (wall time, the noisier figure).
// About 1 minute on an idle 2-core machine with the defaults.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { InspectorSession, attach } from '../src/inspector/inspector';
import { option } from './benchOption';
import { JSON_API_SERVER as SERVER } from './jsonApiServer';

const CONDITIONS = ['idle', 'attached', 's32k', 's1g'] as const;
type Condition = (typeof CONDITIONS)[number];


// Reads "N" lines on stdin, sends N requests over `connections` keep-alive connections, answers "ms".
const CLIENT = `
  const http = require('node:http');
  const [port, connections] = process.argv.slice(1).map(Number);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
    const total = Number(line); let sent = 0; let done = 0; const started = process.hrtime.bigint();
    const one = () => {
      if (sent >= total) return;
      sent++;
      http.get({ host: '127.0.0.1', port, path: '/api/items', agent }, (res) => {
        res.resume();
        res.on('end', () => { if (++done === total) console.log(String(Number(process.hrtime.bigint() - started) / 1e6)); else one(); });
      }).on('error', (e) => { console.error(e.message); process.exit(1); });
    };
    for (let i = 0; i < connections; i++) one();
  });
`;

/** Every thread's time on the CPU, in ns (schedstat's first field), so GC and I/O threads count too. */
function cpuNs(pid: number): number {
  let sum = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      sum += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that ended meanwhile: its time is lost to both halves alike.
    }
  }
  return sum;
}

interface Window {
  cpuUsPerRequest: number;
  rps: number;
}

class Client {
  private readonly lines: AsyncIterator<string>;
  constructor(private readonly child: ChildProcess) {
    this.lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  }
  async run(requests: number): Promise<number> {
    this.child.stdin!.write(`${requests}\n`);
    const { value, done } = await this.lines.next();
    if (done) throw new Error('the client ended');
    return Number(value);
  }
}

async function main(): Promise<void> {
  const rounds = Number(option('rounds', '8'));
  const requests = Number(option('requests', '3000'));
  const node = option('node', process.execPath);
  const connections = Number(option('connections', '1'));
  const server = spawn(node, ['--inspect=127.0.0.1:0', '-e', SERVER], { stdio: ['ignore', 'pipe', 'ignore'] });
  let client: ChildProcess | null = null;
  let session: InspectorSession | null = null;
  try {
    const port = Number((await createInterface({ input: server.stdout! })[Symbol.asyncIterator]().next()).value.replace('port ', ''));
    client = spawn(process.execPath, ['-e', CLIENT, String(port), String(connections)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const load = new Client(client);
    await load.run(5000); // warm the server's code before any window counts
    const version = (await (session = await attach({ pid: server.pid! })).connection.send('Runtime.evaluate', { expression: 'process.version', returnByValue: true })).result.value;
    await session.detach();
    session = null;
    const results = new Map<Condition, Window[]>(CONDITIONS.map((c) => [c, []]));
    for (let r = 0; r < rounds; r++) {
      const order = CONDITIONS.map((_, i) => CONDITIONS[(i + r) % CONDITIONS.length]);
      for (const condition of order) {
        if (condition !== 'idle') {
          session = await attach({ pid: server.pid! });
          await session.ensureHeapProfiler();
          if (condition === 's32k') await session.connection.send('HeapProfiler.startSampling', { samplingInterval: 32768 });
          if (condition === 's1g') await session.connection.send('HeapProfiler.startSampling', { samplingInterval: 2 ** 30 });
        }
        await load.run(300);
        const before = cpuNs(server.pid!);
        const ms = await load.run(requests);
        const used = cpuNs(server.pid!) - before;
        results.get(condition)!.push({ cpuUsPerRequest: used / 1000 / requests, rps: (requests * 1000) / ms });
        if (session) {
          if (condition === 's32k' || condition === 's1g') await session.connection.send('HeapProfiler.stopSampling', undefined);
          await session.detach();
          session = null;
        }
      }
      process.stderr.write(`round ${r + 1}/${rounds} (load ${loadavg()[0].toFixed(1)}): ${CONDITIONS.map((c) => `${c} ${results.get(c)!.at(-1)!.cpuUsPerRequest.toFixed(0)} µs`).join(', ')}\n`);
    }
    const idle = results.get('idle')!;
    console.log(`\nNode ${version}, ${rounds} rounds of ${requests} requests per condition, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log('condition  CPU µs/request (median)  vs idle, median of pairs [quartiles]   req/s (median)  vs idle');
    for (const condition of CONDITIONS) {
      const ws = results.get(condition)!;
      const cpuRatios = ws.map((w, i) => w.cpuUsPerRequest / idle[i].cpuUsPerRequest);
      const rpsRatios = ws.map((w, i) => w.rps / idle[i].rps);
      const [q1, med, q3] = quartiles(cpuRatios);
      console.log(
        `${condition.padEnd(9)}  ${quartiles(ws.map((w) => w.cpuUsPerRequest))[1].toFixed(1).padStart(23)}  ${pct(med).padStart(8)} [${pct(q1)} .. ${pct(q3)}]`.padEnd(78) +
          `${quartiles(ws.map((w) => w.rps))[1].toFixed(0).padStart(8)}  ${pct(quartiles(rpsRatios)[1]).padStart(8)}`,
      );
    }
  } finally {
    await session?.detach().catch(() => undefined);
    client?.kill('SIGKILL');
    server.kill('SIGKILL');
    await once(server, 'exit').catch(() => undefined);
  }
}

function quartiles(xs: number[]): [number, number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => {
    const i = (s.length - 1) * q;
    const lo = Math.floor(i);
    return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
  };
  return [at(0.25), at(0.5), at(0.75)];
}

function pct(ratio: number): string {
  return `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
}

void main();
