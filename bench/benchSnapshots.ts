/**
 * The benchmark's snapshots: a realistic service heap (bench/realisticHeap.cjs) at ~250 MB and
 * ~900 MB, generated once by a child Node process and cached under .bench/ (gitignored).
 *
 *   node --import tsx bench/benchSnapshots.ts [250|900 ...]   generates the missing ones
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..');
export const BENCH_DIR = join(REPO, '.bench');

export interface BenchSnapshot {
  /** Nominal size in MB, used in names and the table. */
  mb: number;
  file: string;
}

/** Measured on Node 20: each unit of scale (a user, session, order...) writes ~2.19 KB of snapshot. */
const BYTES_PER_UNIT = 2194;
/** What an empty Node process's snapshot already weighs. */
const BASE_BYTES = 3.5e6;

export function benchSnapshot(mb: number): BenchSnapshot {
  return { mb, file: join(BENCH_DIR, `realistic-${mb}mb.heapsnapshot`) };
}

/** The snapshot's path, generating it first if it is not cached. */
export function ensureBenchSnapshot(mb: number): string {
  const { file } = benchSnapshot(mb);
  if (existsSync(file)) return file;
  mkdirSync(BENCH_DIR, { recursive: true });
  const scale = Math.max(1, Math.round((mb * 1e6 - BASE_BYTES) / BYTES_PER_UNIT));
  const tmp = `${file}.${process.pid}.tmp`;
  const started = Date.now();
  process.stderr.write(`generating ${file} (scale ${scale}) ...\n`);
  // The workload holds the whole graph while V8 serialises it: give the child room.
  execFileSync(process.execPath, ['--max-old-space-size=16384', join(__dirname, 'realisticHeap.cjs'), String(scale), tmp], {
    stdio: 'inherit',
    timeout: 20 * 60_000,
  });
  renameSync(tmp, file);
  process.stderr.write(`  ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return file;
}

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number);
  for (const mb of sizes.length ? sizes : [250, 900]) ensureBenchSnapshot(mb);
}
