/**
 * Times buildHeapGraph alone on a synthetic ParsedSnapshot the size of a ~900 MB snapshot.
 *
 *   node --import tsx bench/graphBuild.bench.ts [nodes=8000000] [edgesPerNode=4.5] [runs=3]
 *
 * Prints the median wall time, the time per phase of the median run, and the process's peak RSS.
 */
import { buildHeapGraph } from '../src/engine/graph/buildHeapGraph';
import { syntheticParsedSnapshot } from './syntheticParsedSnapshot';

async function main(): Promise<void> {
  const nodes = Number(process.argv[2] ?? 8_000_000);
  const edgesPerNode = Number(process.argv[3] ?? 4.5);
  const runs = Number(process.argv[4] ?? 3);
  const t0 = performance.now();
  const parsed = syntheticParsedSnapshot(nodes, edgesPerNode);
  console.log(`synthetic snapshot: ${parsed.nodeCount.toLocaleString()} nodes, ${parsed.edgeCount.toLocaleString()} edges (made in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const results: { ms: number; phases: [string, number][] }[] = [];
  for (let r = 0; r < runs; r++) {
    const phases: [string, number][] = [];
    let phase = '';
    let since = performance.now();
    const start = since;
    const g = await buildHeapGraph(parsed, {
      progress(p) {
        if (p === phase) return;
        const now = performance.now();
        if (phase) phases.push([phase, now - since]);
        phase = p;
        since = now;
      },
      checkpoint: async () => {},
    });
    const end = performance.now();
    phases.push([phase, end - since]);
    results.push({ ms: end - start, phases });
    console.log(`run ${r + 1}: ${((end - start) / 1000).toFixed(2)} s (root retains ${g.retainedSize[g.root].toLocaleString()} bytes)`);
  }
  results.sort((x, y) => x.ms - y.ms);
  const median = results[Math.floor(results.length / 2)];
  console.log(`median: ${(median.ms / 1000).toFixed(2)} s`);
  for (const [p, ms] of median.phases) console.log(`  ${p.padEnd(16)} ${ms.toFixed(0).padStart(6)} ms`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

void main();
