/**
 * Times each step of buildHeapGraph on its own, parsing the snapshot once:
 *
 *   node --import tsx bench/graphPhases.bench.ts FILE.heapsnapshot [phases=all] [runs=5]
 *
 * phases is a comma list of retainers (with the essential-edge bits), distances, dominators, retained, dominated.
 * Prints the minimum and every run's CPU time per step. Why the minimum: on a shared machine a
 * step's CPU time swings by 2x with other processes' cache pressure, so a whole-build median
 * (graphBuild.bench.ts) hides a 100 ms gain; the minimum over a few runs of one step does not.
 * Steps run in build order on their real inputs; shallow sizes are left out (nothing after
 * them depends on them here) and the page-object flags are computed once, untimed.
 */
import { buildDominatorChildren } from '../src/engine/analysis/dominatorChildren';
import { buildRetainers } from '../src/engine/graph/buildRetainers';
import { computeDistances } from '../src/engine/graph/computeDistances';
import { computeDominators } from '../src/engine/graph/computeDominators';
import { computeRetainedSizes } from '../src/engine/graph/computeRetainedSizes';
import { EssentialEdges } from '../src/engine/graph/essentialEdges';
import { markPageObjects } from '../src/engine/graph/markPageObjects';
import { StringMarks } from '../src/engine/graph/stringMarks';
import { resolveEdgeTypeIds, resolveNodeTypeIds } from '../src/engine/graph/typeIds';
import { parseSnapshotFile } from '../src/engine/snapshot/parseSnapshotFile';

const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function main(): Promise<void> {
  const [file, phases = '', runsArg = '5'] = process.argv.slice(2);
  if (!file) throw new Error('usage: graphPhases.bench.ts FILE.heapsnapshot [phases] [runs]');
  const parsed = await parseSnapshotFile(file);
  const wanted = phases ? new Set(phases.split(',')) : undefined;
  const types = resolveNodeTypeIds(parsed.meta);
  const edgeTypes = resolveEdgeTypeIds(parsed.meta);
  const root = parsed.meta.rootOrdinal;
  const flags = new Uint8Array(parsed.nodeCount);
  await markPageObjects(parsed, types, edgeTypes, new StringMarks(parsed.strings), root, flags, {});
  const times = new Map<string, number[]>();
  async function timed<T>(name: string, step: () => Promise<T> | T): Promise<T> {
    const start = cpu();
    const result = await step();
    const ms = cpu() - start;
    if (!wanted || wanted.has(name)) times.set(name, [...(times.get(name) ?? []), ms]);
    return result;
  }
  for (let r = 0; r < Number(runsArg); r++) {
    // Fresh marks each run: classifying names is part of the first step that asks.
    const marks = new StringMarks(parsed.strings);
    const retainers = await timed('retainers', () => buildRetainers(parsed, new EssentialEdges(parsed, edgeTypes, marks, flags, root), {}));
    await timed('distances', () => computeDistances(parsed, types, edgeTypes, marks, root, {}));
    const dominators = await timed('dominators', () => computeDominators(parsed, retainers, root, flags.slice(), {}));
    await timed('retained', () => computeRetainedSizes(parsed.nodeSelfSize, dominators.order, dominators.dominatorRank));
    await timed('dominated', () => buildDominatorChildren(dominators.dominator, root));
  }
  console.log(`${file}: ${parsed.nodeCount.toLocaleString()} nodes, ${parsed.edgeCount.toLocaleString()} edges; CPU ms per step`);
  for (const [name, ms] of times) {
    console.log(`  ${name.padEnd(12)} min ${Math.min(...ms).toFixed(0).padStart(5)}   runs ${ms.map((x) => x.toFixed(0)).join(' ')}`);
  }
}

void main();
