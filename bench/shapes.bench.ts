/**
 * Time and peak memory by graph shape, at one file size: the streamed synthetic snapshots of
 * test/engine/snapshot/streamedSnapshot.ts (written straight to disk, not through V8; cached in
 * .bench/shape-SHAPE-MBmb.heapsnapshot) beside the realistic heap of bench/benchSnapshots.ts.
 *
 *   node --import tsx bench/shapes.bench.ts [--mb 1000] [--shapes tree,chain,indexed,fan,roots] [--real 250|900] [--runs 1]
 *
 * For each file: the whole open as it ships (bench/measureOne.ts `heapscope`, in its own process:
 * wall, CPU, peak RSS, RSS / file size), then CPU per graph pass (bench/graphPhases.bench.ts,
 * one thread, minimum of the runs). Run `npm run bench` once first: it bundles the harness.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_EXEC_ARGV } from '../src/engine/workerExecArgv';
import { workerEnv } from '../src/engine/engineClient';
import { SnapshotShape, writeStreamedSnapshot } from '../test/engine/snapshot/streamedSnapshot';
import { BENCH_DIR, ensureBenchSnapshot } from './benchSnapshots';

/** Text bytes per node of each shape, measured on the generator's output: to size files in MB. */
const BYTES_PER_NODE: Record<SnapshotShape, number> = { tree: 37.3, chain: 47.1, indexed: 48.0, fan: 39.2, roots: 39.2 };

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

async function main(): Promise<void> {
  const mb = Number(arg('mb', '1000'));
  const shapes = arg('shapes', 'tree,chain,indexed').split(',') as SnapshotShape[];
  const real = arg('real', '');
  const runs = arg('runs', '1');
  const harness = join(BENCH_DIR, 'harness', 'measureOne.cjs');
  if (!existsSync(harness)) throw new Error(`${harness} missing: run \`npm run bench\` once first`);
  mkdirSync(BENCH_DIR, { recursive: true });
  const files: [string, string][] = [];
  for (const shape of shapes) {
    const file = join(BENCH_DIR, `shape-${shape}-${mb}mb.heapsnapshot`);
    if (!existsSync(file)) {
      const started = Date.now();
      const r = await writeStreamedSnapshot(file, shape, Math.round((mb * 1e6) / BYTES_PER_NODE[shape]));
      console.error(`wrote ${file}: ${r.nodeCount} nodes, ${r.edgeCount} edges in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    files.push([shape, file]);
  }
  if (real) files.push([`real ${real} MB`, ensureBenchSnapshot(Number(real))]);
  for (const [label, file] of files) {
    const bytes = statSync(file).size;
    const open = spawnSync(process.execPath, ['--max-old-space-size=16384', ...WORKER_EXEC_ARGV, harness, 'heapscope', file], {
      env: workerEnv(process.env), encoding: 'utf8', maxBuffer: 1 << 26,
    });
    const m = JSON.parse(open.stdout.trim().split('\n').pop() ?? '{}') as { wallMs?: number; cpuMs?: number; maxRssMb?: number; nodeCount?: number };
    const phases = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'graphPhases.bench.ts'), file, '', runs], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const rss = (m.maxRssMb ?? 0) * 2 ** 20;
    console.log(`${label}: ${(bytes / 1e6).toFixed(0)} MB, ${m.nodeCount?.toLocaleString()} nodes; open ${((m.wallMs ?? 0) / 1000).toFixed(1)} s wall, ` +
      `${((m.cpuMs ?? 0) / 1000).toFixed(1)} s CPU (${(((m.cpuMs ?? 0) * 1e6) / bytes).toFixed(1)} ns/byte), peak RSS ${(rss / 1e6).toFixed(0)} MB = ${(rss / bytes).toFixed(2)}× file`);
    console.log(phases.stdout.split('\n').slice(1).join('\n').trimEnd());
  }
}

void main();
