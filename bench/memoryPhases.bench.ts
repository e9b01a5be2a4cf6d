/**
 * Where the engine's memory goes, phase by phase: the open + summary of bench/measureOne.ts
 * (`heapscope`, as it ships: worker flags, environment, helper thread) with RSS sampled at every
 * progress report, so the step that sets the peak, and by how much, can be read off.
 *
 *   node --import tsx bench/memoryPhases.bench.ts [--samples] FILE.heapsnapshot...   (--samples: every sample too)
 *
 * Run `npm run bench` once first: it bundles the harness. Per phase, in the order they first
 * report: RSS at the first report, the most seen during it, and the process's peak (VmHWM) at its
 * last; the peak is whole-process (both threads), sampled only at reports, so a rise between two
 * reports is charged to the phase that reported next.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_EXEC_ARGV } from '../src/engine/workerExecArgv';
import { workerEnv } from '../src/engine/engineClient';
import { BENCH_DIR } from './benchSnapshots';
import type { Measurement } from './measureOne';

function main(): void {
  const all = process.argv.includes('--samples');
  const files = process.argv.slice(2).filter((a) => a !== '--samples');
  const harness = join(BENCH_DIR, 'harness', 'measureOne.cjs');
  if (!existsSync(harness)) throw new Error(`${harness} missing: run \`npm run bench\` once first`);
  if (files.length === 0) throw new Error('usage: memoryPhases.bench.ts FILE...');
  for (const file of files) {
    const bytes = statSync(file).size;
    const r = spawnSync(process.execPath, ['--max-old-space-size=16384', ...WORKER_EXEC_ARGV, harness, 'heapscope', file], {
      env: { ...workerEnv(process.env), HEAPSCOPE_MEMORY_PHASES: all ? 'all' : '1' }, encoding: 'utf8', maxBuffer: 1 << 26,
    });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) throw new Error(`${file}: exit ${r.status} ${r.stderr.slice(-500)}`);
    const m = JSON.parse(line) as Measurement;
    const mb = (x: number) => (x * 2 ** 20) / 1e6;
    console.log(`\n${file}: ${(bytes / 1e6).toFixed(0)} MB, ${m.nodeCount.toLocaleString()} nodes; ` +
      `${(m.wallMs / 1000).toFixed(1)} s wall, ${(m.cpuMs / 1000).toFixed(1)} s CPU; peak RSS ${mb(m.maxRssMb).toFixed(0)} MB = ` +
      `${((m.maxRssMb * 2 ** 20) / bytes).toFixed(2)}× file (MB = 10^6 bytes)\n`);
    console.log('| phase | RSS at start MB | most RSS MB | peak so far MB | × file |');
    console.log('|---|---:|---:|---:|---:|');
    if (all) console.log((m.samples ?? []).map(([t, phase, rss]) => `${t} ms ${phase} ${mb(rss).toFixed(0)}`).join('\n'));
    for (const p of m.phases ?? []) {
      console.log(`| ${p.phase} | ${mb(p.firstRssMb).toFixed(0)} | ${mb(p.maxRssMb).toFixed(0)} | ${mb(p.hwmMb).toFixed(0)} | ${((p.hwmMb * 2 ** 20) / bytes).toFixed(2)} |`);
    }
  }
}

main();
