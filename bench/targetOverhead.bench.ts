// What watching and allocation sampling cost the target (issue 13): requests per second of a
// loopback HTTP server, with nothing attached and with each of heapscope's live modes on.
//
//   node --import tsx bench/targetOverhead.bench.ts [--rounds 3] [--seconds 5] [--modes none,watch,sampling,track]
//
// Modes: none (no inspector session at all), watch (MemorySampler at 1 Hz), sampling (V8's
// sampling heap profiler at the default 32 KiB interval, what `--allocation-sites` runs), track
// (HeapProfiler.startTrackingHeapObjects with trackAllocations, what `--track-allocations` runs).
// Each run is a fresh server (so no mode inherits another's state), warmed up for 2 s, then loaded
// for --seconds by a separate client process with 32 keep-alive connections. Runs are interleaved
// (round 1: every mode, round 2: every mode in rotated order, …) because the machine is shared and
// its speed drifts; the table prints each mode's median and its ratio to `none`. Under contention
// throughput mostly measures the other users of the machine, so it also prints the server's own CPU
// time per request (utime + stime from /proc/PID/stat over the loaded seconds, Linux only), which
// the target pays whoever else runs, and which is the figure to compare on a busy machine.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { AllocationSampling, InspectorSession, MemorySampler, attach } from '../src/inspector/inspector';
import { option } from './benchOption';
import { JSON_API_SERVER as SERVER } from './jsonApiServer';

const MODES = ['none', 'watch', 'sampling', 'track'] as const;
type Mode = (typeof MODES)[number];


const CLIENT = `
  const http = require('node:http');
  const [port, seconds] = process.argv.slice(1).map(Number);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let done = 0; let stop = false;
  function one() {
    if (stop) return;
    http.get({ host: '127.0.0.1', port, path: '/api/items', agent }, (res) => { res.resume(); res.on('end', () => { done++; one(); }); }).on('error', () => { if (!stop) one(); });
  }
  for (let i = 0; i < 32; i++) one();
  setTimeout(() => { stop = true; console.log(String(done)); agent.destroy(); process.exit(0); }, seconds * 1000);
`;

async function firstLine(child: ChildProcess): Promise<string> {
  let text = '';
  for await (const chunk of child.stdout!) {
    text += String(chunk);
    if (text.includes('\n')) return text.split('\n')[0];
  }
  throw new Error('child ended without output');
}

/** The process's user + system CPU time in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Run {
  rps: number;
  /** Server CPU microseconds per request. */
  cpuUsPerRequest: number;
}

async function runOnce(mode: Mode, seconds: number): Promise<Run> {
  const server = spawn(process.execPath, ['--inspect-port=0', '-e', SERVER], { stdio: ['ignore', 'pipe', 'ignore'] });
  let session: InspectorSession | null = null;
  let sampler: MemorySampler | null = null;
  let sampling: AllocationSampling | null = null;
  try {
    const port = Number((await firstLine(server)).replace('port ', ''));
    if (mode !== 'none') {
      session = await attach({ pid: server.pid! });
      if (mode === 'watch') (sampler = new MemorySampler(session, { intervalMs: 1000, onSample: () => undefined })).start();
      if (mode === 'sampling') await (sampling = new AllocationSampling(session)).start();
      if (mode === 'track') {
        await session.ensureHeapProfiler();
        await session.connection.send('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
      }
    }
    const warm = spawn(process.execPath, ['-e', CLIENT, String(port), '2'], { stdio: ['ignore', 'pipe', 'ignore'] });
    await firstLine(warm);
    const cpuBefore = cpuMs(server.pid!);
    const client = spawn(process.execPath, ['-e', CLIENT, String(port), String(seconds)], { stdio: ['ignore', 'pipe', 'ignore'] });
    const done = Number(await firstLine(client));
    const cpu = cpuMs(server.pid!) - cpuBefore;
    return { rps: done / seconds, cpuUsPerRequest: (cpu * 1000) / done };
  } finally {
    await sampler?.stop();
    await sampling?.stop();
    await session?.detach();
    server.kill('SIGKILL');
    await once(server, 'exit').catch(() => undefined);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const rounds = Number(option('rounds', '3'));
  const seconds = Number(option('seconds', '5'));
  const modes = option('modes', MODES.join(',')).split(',') as Mode[];
  const results = new Map<Mode, Run[]>(modes.map((m) => [m, []]));
  for (let r = 0; r < rounds; r++) {
    const order = modes.map((_, i) => modes[(i + r) % modes.length]);
    for (const mode of order) {
      const run = await runOnce(mode, seconds);
      results.get(mode)!.push(run);
      process.stderr.write(`round ${r + 1} ${mode}: ${run.rps.toFixed(0)} req/s, ${run.cpuUsPerRequest.toFixed(0)} µs CPU/request (load ${loadavg()[0].toFixed(1)})\n`);
    }
  }
  const of = (mode: Mode, pick: (r: Run) => number) => (results.get(mode) ?? []).map(pick);
  const baseRps = median(of('none', (r) => r.rps));
  const baseCpu = median(of('none', (r) => r.cpuUsPerRequest));
  console.log(`\nmode      median req/s  vs none   CPU µs/request  vs none   runs (req/s | µs/request)`);
  for (const mode of modes) {
    const rps = median(of(mode, (r) => r.rps));
    const cpu = median(of(mode, (r) => r.cpuUsPerRequest));
    console.log(
      `${mode.padEnd(9)} ${rps.toFixed(0).padStart(12)}  ${((rps / baseRps - 1) * 100).toFixed(1).padStart(6)}%  ${cpu.toFixed(0).padStart(14)}  ` +
        `${((cpu / baseCpu - 1) * 100).toFixed(1).padStart(6)}%   ${of(mode, (r) => r.rps).map((x) => x.toFixed(0)).join(', ')} | ${of(mode, (r) => r.cpuUsPerRequest).map((x) => x.toFixed(0)).join(', ')}`,
    );
  }
}

void main();
