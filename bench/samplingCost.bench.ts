// The sampling heap profiler's cost on allocation-heavy work, measured so that a shared machine's
// load cancels out (issue 13): one process runs the request handler of bench/targetOverhead.bench.ts
// (build a response object, JSON.stringify it, keep a bounded cache) --n times, alternating runs
// without and with V8's sampling heap profiler on (through node:inspector, the same profiler
// `--allocation-sites` switches on over CDP), --pairs times. Each run's own CPU time
// (process.cpuUsage) is compared with its neighbour's, so drift in the machine's speed hits both.
// Prints the median per-pair ratio, and the same for trackAllocations.
//
//   node --import tsx bench/samplingCost.bench.ts [--pairs 15] [--n 20000] [--interval 32768] [--no-track]
import { Session } from 'node:inspector';
import { option } from './benchOption';

const session = new Session();
session.connect();
function post(method: string, params?: object): Promise<void> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (error) => (error ? reject(error) : resolve())));
}

const recent: unknown[] = [];
function handle(i: number): string {
  const body = { path: `/api/items/${i}`, at: Date.now(), items: Array.from({ length: 20 }, (_, k) => ({ i: k, name: `item-${k}` })) };
  recent.push(body);
  if (recent.length > 5000) recent.shift();
  return JSON.stringify(body);
}

function cpuOf(n: number): number {
  const start = process.cpuUsage();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += handle(i).length;
  const used = process.cpuUsage(start);
  if (bytes === 0) throw new Error('no work');
  return used.user + used.system;
}

async function pairs(label: string, count: number, n: number, on: () => Promise<void>, off: () => Promise<void>): Promise<void> {
  const ratios: number[] = [];
  cpuOf(n); // warm up the handler
  for (let p = 0; p < count; p++) {
    // Alternate which half goes first, so a trend in the machine's speed favours neither.
    const first = p % 2 === 0;
    let plain = 0;
    let profiled = 0;
    if (first) plain = cpuOf(n);
    await on();
    profiled = cpuOf(n);
    await off();
    if (!first) plain = cpuOf(n);
    ratios.push(profiled / plain);
  }
  ratios.sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)];
  const q1 = ratios[Math.floor(ratios.length / 4)];
  const q3 = ratios[Math.floor((3 * ratios.length) / 4)];
  console.log(`${label}: CPU time ${((median - 1) * 100).toFixed(1)}% more (median of ${count} pairs; quartiles ${((q1 - 1) * 100).toFixed(1)}% .. ${((q3 - 1) * 100).toFixed(1)}%)`);
}

async function main(): Promise<void> {
  const count = Number(option('pairs', '15'));
  const n = Number(option('n', '20000'));
  const interval = Number(option('interval', '32768'));
  await post('HeapProfiler.enable');
  await pairs(`sampling at ${interval} B`, count, n, () => post('HeapProfiler.startSampling', { samplingInterval: interval }), () => post('HeapProfiler.stopSampling'));
  if (!process.argv.includes('--no-track')) await pairs('trackAllocations', Math.min(count, 5), Math.max(1, Math.floor(n / 10)), () => post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true }), () => post('HeapProfiler.disable').then(() => post('HeapProfiler.enable')));
  session.disconnect();
}

void main();
