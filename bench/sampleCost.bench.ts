// The target's own CPU cost of one live-memory sample (issue 13), measured where contention cannot
// blur it: an idle target's CPU time (utime + stime from /proc/PID/stat, Linux) over --seconds,
// unwatched and watched at --hz, interleaved --rounds times. The extra CPU divided by the samples
// taken is what one sample costs the target; at 1 Hz the overhead is that cost per second.
//
//   node --import tsx bench/sampleCost.bench.ts [--rounds 3] [--seconds 10] [--hz 20]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { MemorySampler, attach } from '../src/inspector/inspector';
import { option } from './benchOption';

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// Idle but alive, with a heap of a realistic size (50k objects) so memoryUsage() has work to do.
const TARGET = "globalThis.keep = Array.from({ length: 50000 }, (_, i) => ({ i, s: 'x' + i })); setInterval(() => {}, 1000); console.log('ready');";

async function run(watch: boolean, seconds: number, hz: number): Promise<{ cpu: number; samples: number }> {
  const target = spawn(process.execPath, ['--inspect-port=0', '-e', TARGET], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((r) => target.stdout.once('data', () => r()));
  // Attached in both cases, so only the sampling differs.
  const session = await attach({ pid: target.pid! });
  let samples = 0;
  const sampler = new MemorySampler(session, { intervalMs: 1000 / hz, onSample: () => samples++ });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const before = cpuMs(target.pid!);
    if (watch) sampler.start();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const cpu = cpuMs(target.pid!) - before;
    return { cpu, samples };
  } finally {
    await sampler.stop();
    await session.detach();
    target.kill('SIGKILL');
    await once(target, 'exit');
  }
}

async function main(): Promise<void> {
  const rounds = Number(option('rounds', '3'));
  const seconds = Number(option('seconds', '10'));
  const hz = Number(option('hz', '20'));
  const perSample: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const idle = await run(false, seconds, hz);
    const watched = await run(true, seconds, hz);
    const us = ((watched.cpu - idle.cpu) * 1000) / watched.samples;
    perSample.push(us);
    console.log(`round ${r + 1}: idle ${idle.cpu} ms CPU, watched ${watched.cpu} ms CPU for ${watched.samples} samples → ${us.toFixed(0)} µs per sample`);
  }
  perSample.sort((a, b) => a - b);
  const median = perSample[Math.floor(perSample.length / 2)];
  console.log(`median ${median.toFixed(0)} µs of target CPU per sample: at 1 Hz, ${(median / 10_000).toFixed(3)}% of one core`);
}

void main();
