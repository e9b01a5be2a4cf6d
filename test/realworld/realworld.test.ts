import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mapLimit } from '../engine/detectors/fixtureRun';
import { tempDir } from '../tempDir';
import { ensureNodeBinary, OTHER_NODE_MAJORS } from '../nodeBinaries';
import { REALWORLD_CASES, RealworldCase } from './realworldCases';
import { pathText } from '../engine/detectors/fixtureRun';
import { CorpusNode, CorpusRun, countError, runCorpusCase } from './runCorpusCase';

/**
 * Every row of the real-world corpus (realworldCases.ts) on Node 20 (this Node), 22, 24 and 26:
 * each leak program's expected kind is ranked first, its path names the container and its count
 * is within 2% of the program's own count (truth); each control gets no finding from any detector.
 * The programs run two at a time (the machine is shared) before the checks.
 */
const NODES: readonly CorpusNode[] = [
  { label: `Node ${process.versions.node.split('.')[0]}`, major: Number(process.versions.node.split('.')[0]), path: () => process.execPath },
  ...OTHER_NODE_MAJORS.map((major) => ({ label: `Node ${major}`, major, path: () => ensureNodeBinary(major) })),
];

function describeFindings(run: CorpusRun): string {
  return run.findings.map((f) => `${f.kind} (count ${f.count}): ${f.title}`).join(' | ') || 'no finding';
}

describe('real-world corpus on Node 20, 22, 24 and 26', () => {
  const runs = new Map<string, CorpusRun | Error>();
  const key = (n: CorpusNode, c: RealworldCase) => `${n.label} ${c.program}`;
  const tmp = tempDir('fixtures');
  const dir = tmp.dir;
  before(async () => {
    const jobs = NODES.flatMap((n) => REALWORLD_CASES.map((c) => ({ n, c })));
    const started = Date.now();
    await mapLimit(jobs, 2, async ({ n, c }) => {
      try {
        runs.set(key(n, c), await runCorpusCase(c, n.path(), dir));
      } catch (error) {
        runs.set(key(n, c), error instanceof Error ? error : new Error(String(error)));
      }
    });
    process.stderr.write(`real-world corpus: ${jobs.length} runs in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  });
  after(() => tmp.remove());

  test('the table has leak programs and controls', () => {
    assert.ok(REALWORLD_CASES.some((c) => c.kind === null), 'at least one control');
    assert.ok(REALWORLD_CASES.some((c) => c.kind !== null), 'at least one leak program');
  });

  for (const n of NODES) {
    for (const c of REALWORLD_CASES) {
      const name = c.kind === null
        ? `${n.label} ${c.program} (${c.library}): control, no finding`
        : `${n.label} ${c.program} (${c.library}): ${c.kind} first, path names ${c.container}, count within 2% of truth`;
      test(name, () => {
        const run = runs.get(key(n, c));
        assert.ok(run !== undefined, 'the program ran');
        if (run instanceof Error) throw run;
        if (c.kind === null) {
          assert.deepEqual(run.findings.map((f) => `${f.kind}: ${f.title}`), []);
          return;
        }
        assert.ok(run.findings.length > 0, 'no finding');
        const first = run.findings[0];
        assert.equal(first.kind, c.kind, `ranked first: ${describeFindings(run)}`);
        assert.ok(pathText(first).includes(c.container), `path of "${first.title}" does not name ${c.container}: ${pathText(first)}`);
        assert.ok(run.truth !== null && run.truth > 0, `the program counts what it leaks (truth ${run.truth})`);
        assert.ok(countError(first.count, run.truth) <= 0.02, `count ${first.count} against the program's own ${run.truth}: "${first.title}"`);
        assert.ok(first.evidence.length > 0 && first.fix.length > 0, 'evidence and fix');
        if (c.fix) assert.match(first.fix, c.fix, 'the fix names the idiom');
        // Evidence says only what the heap shows: no pool reuse or aliasing a snapshot cannot see.
        for (const f of run.findings) assert.ok(!f.evidence.some((e) => /\breused\b|alias each other/.test(e)), `evidence of "${f.title}": ${f.evidence.join(' ')}`);
      });
    }
  }
});
