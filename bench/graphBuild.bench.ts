/**
 * Times buildHeapGraph alone on a synthetic ParsedSnapshot the size of a ~900 MB snapshot.
 *
 *   node --import tsx bench/graphBuild.bench.ts [nodes=8000000] [edgesPerNode=4.5] [runs=3]
 *   node --import tsx bench/graphBuild.bench.ts --file FILE.heapsnapshot [runs=3]
 *
 * The synthetic graph is a pessimistic shape: ~30% of its edges go to uniformly random nodes,
 * so nearly every step is bound by cache misses. `--file` parses a real snapshot first (not
 * timed) and times the graph build on it.
 *
 * Prints the median wall and CPU time, both per phase for the median run, and the peak RSS. CPU
 * time is the fairer figure when other work shares the machine.
 */
import { buildHeapGraph } from '../src/engine/graph/buildHeapGraph';
import { parseSnapshotFile } from '../src/engine/snapshot/parseSnapshotFile';
import { ParsedSnapshot } from '../src/engine/snapshot/parsedSnapshot';
import { syntheticParsedSnapshot } from './syntheticParsedSnapshot';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const t0 = performance.now();
  let parsed: ParsedSnapshot;
  let runs: number;
  if (args[0] === '--file') {
    parsed = await parseSnapshotFile(args[1]);
    runs = Number(args[2] ?? 3);
    console.log(`${args[1]}: ${parsed.nodeCount.toLocaleString()} nodes, ${parsed.edgeCount.toLocaleString()} edges (parsed in ${((performance.now() - t0) / 1000).toFixed(1)} s, not timed below)`);
  } else {
    parsed = syntheticParsedSnapshot(Number(args[0] ?? 8_000_000), Number(args[1] ?? 4.5));
    runs = Number(args[2] ?? 3);
    console.log(`synthetic snapshot: ${parsed.nodeCount.toLocaleString()} nodes, ${parsed.edgeCount.toLocaleString()} edges (made in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }

  const results: { ms: number; cpuMs: number; phases: [string, number, number][] }[] = [];
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  for (let r = 0; r < runs; r++) {
    const phases: [string, number, number][] = [];
    let phase = '';
    let since = performance.now();
    let cpuSince = cpu();
    const start = since;
    const cpuStart = cpuSince;
    const g = await buildHeapGraph(parsed, {
      progress(p) {
        if (p === phase) return;
        const now = performance.now();
        const c = cpu();
        if (phase) phases.push([phase, now - since, c - cpuSince]);
        phase = p;
        since = now;
        cpuSince = c;
      },
      checkpoint: async () => {},
    });
    const end = performance.now();
    const cpuEnd = cpu();
    phases.push([phase, end - since, cpuEnd - cpuSince]);
    results.push({ ms: end - start, cpuMs: cpuEnd - cpuStart, phases });
    console.log(`run ${r + 1}: ${((end - start) / 1000).toFixed(2)} s wall, ${((cpuEnd - cpuStart) / 1000).toFixed(2)} s CPU (root retains ${g.retainedSize[g.root].toLocaleString()} bytes)`);
  }
  results.sort((x, y) => x.ms - y.ms);
  const median = results[Math.floor(results.length / 2)];
  console.log(`median: ${(median.ms / 1000).toFixed(2)} s wall, ${(median.cpuMs / 1000).toFixed(2)} s CPU; machine load average ${require('node:os').loadavg()[0].toFixed(1)} on ${require('node:os').cpus().length} cores`);
  console.log(`  ${'phase'.padEnd(16)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)}`);
  for (const [p, ms, c] of median.phases) console.log(`  ${p.padEnd(16)} ${ms.toFixed(0).padStart(8)} ${c.toFixed(0).padStart(8)}`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

void main();
