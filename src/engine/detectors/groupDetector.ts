import { HeapGraph } from '../graph/heapGraph';
import { Detector, DetectorContext } from './detector';
import { Finding, FindingKind } from '../../protocol/finding';
import { formatCount } from '../../protocol/format';
import { findingPath } from './findingPath';
import { GraphReader } from './graphReader';
import { readerFor } from './graphViews';
import { bytesGrowAtEveryStep, bytesSeries, growsAtEveryStep, Measured, seriesOf } from './seriesOf';

/** One group of objects a rule measures in one snapshot. */
export interface Group extends Measured {
  /** Ordinals of the objects concerned. */
  members: number[];
  /** The container or object keeping them, or null. */
  holder: number | null;
  /** Where the finding's path leads (a representative member). */
  target: number;
}

export interface GroupFacts {
  graph: HeapGraph;
  /** The last snapshot's shared reader (graphViews.ts). */
  reader: GraphReader;
  /** Count at each snapshot of the series (0 where absent). */
  counts: number[];
  growing: boolean;
  path: Finding['path'];
  /** True when earlier snapshots' groups were found by retainer path (V8 renumbered the ids). */
  matchedByPath: boolean;
}

/** What a rule says of one accepted group; a missing location or details is null. */
export type Description = Pick<Finding, 'title' | 'evidence' | 'fix'> & Partial<Pick<Finding, 'location' | 'details'>> & { holderId?: number | null };

/**
 * A detector whose findings are groups measured per snapshot: the rule holds only its pattern
 * (what to scan, when a group is a finding, how to word it); groupDetector carries the rest.
 */
export interface GroupRule<C extends Group> {
  readonly kind: FindingKind;
  /** A shorter series gives no finding at all (default 1). */
  minSnapshots?: number;
  scan(graph: HeapGraph, ctx: DetectorContext): Promise<C[]> | C[];
  /** Whether the group in the last snapshot is a finding. `snapshots` is the series length. */
  accept(group: C, growing: boolean, snapshots: number): boolean;
  describe(group: C, facts: GroupFacts): Promise<Description> | Description;
  /**
   * What the counts are, for the evidence's closing line over a series of two or more
   * ("Timers" → "Timers across the series: 10 → 20 (growing at every snapshot)."); leave it out
   * when describe words the series itself.
   */
  seriesNoun?: string | ((group: C) => string);
  /** When set, `growing` also needs the bytes to rise at every step, not only the count. */
  bytesMustGrow?: boolean;
}

const MAX_NODE_IDS = 1000;

/** The usual threshold: at least `single` in one snapshot, or at least `growing` and growing across three or more. */
export function minCount<C extends Group>(min: { single: number; growing: number }): GroupRule<C>['accept'] {
  return (g, growing, snapshots) => (snapshots >= 3 ? growing && g.count >= min.growing : g.count >= min.single);
}

/** The detector for a rule: scans every snapshot, lines groups up by key, applies the rule, builds the findings. */
export function groupDetector<C extends Group>(rule: GroupRule<C>): Detector {
  return { kind: rule.kind, detect: (input, ctx) => detectGroups(rule, input.snapshots, ctx) };
}

async function detectGroups<C extends Group>(rule: GroupRule<C>, snapshots: readonly HeapGraph[], ctx: DetectorContext): Promise<Finding[]> {
  const kind = rule.kind;
  if (snapshots.length < (rule.minSnapshots ?? 1)) return [];
  const entries = await seriesOf(snapshots, async (graph) => rule.scan(graph, ctx), () => ctx.checkpoint());
  const graph = snapshots[snapshots.length - 1];
  const findings: Finding[] = [];
  for (const entry of entries) {
    const growing = growsAtEveryStep(entry) && (!rule.bytesMustGrow || bytesGrowAtEveryStep(entry));
    const g = entry.last;
    if (!rule.accept(g, growing, snapshots.length)) continue;
    const { series, growth } = bytesSeries(entry);
    // A timer or a handle is itself what keeps its objects: its path through Node's lists is the explanation.
    const preferUser = kind !== 'timer-leak' && kind !== 'open-handle';
    const { path, cutIndex } = await findingPath(graph, g.target, g.holder, () => ctx.checkpoint(), preferUser);
    const counts = entry.steps.map((s) => s?.count ?? 0);
    const d = await rule.describe(g, { graph, reader: readerFor(graph), counts, growing, path, matchedByPath: entry.matchedByPath });
    const noun = typeof rule.seriesNoun === 'function' ? rule.seriesNoun(g) : rule.seriesNoun;
    const evidence = noun !== undefined && counts.length >= 2
      ? [...d.evidence, `${noun} across the series: ${seriesText(counts)}${growing ? ' (growing at every snapshot)' : ''}.`]
      : d.evidence;
    findings.push({
      kind,
      title: d.title,
      retainedSize: g.bytes,
      growth,
      series,
      count: g.count,
      nodeIds: g.members.slice(0, MAX_NODE_IDS).map((m) => graph.nodeId[m]),
      path,
      holderId: d.holderId !== undefined ? d.holderId : g.holder === null ? null : graph.nodeId[g.holder],
      cutIndex,
      location: d.location ?? null,
      evidence,
      fix: d.fix,
      details: d.details ?? null,
    });
  }
  return findings;
}

/** Sum of retained sizes of distinct nodes, skipping any dominated by another in the set. */
export function retainedOfSet(graph: HeapGraph, nodes: Iterable<number>): number {
  let total = 0;
  for (const n of readerFor(graph).dominatorTree.outermost(nodes)) total += graph.retainedSize[n];
  return total;
}

/** "150 → 300 → 450" for evidence lines. */
export function seriesText(counts: number[]): string {
  return counts.map(formatCount).join(' → ');
}

/** The last container named on a path ("Map `pending`"), for titles of kinds whose holder is found by the path. */
export function containerOnPath(path: Finding['path']): { label: string; id: number } | null {
  for (let i = path.length - 1; i > 0; i--) {
    const step = path[i];
    if (step.name !== 'Map' && step.name !== 'Set' && step.name !== 'Array') continue;
    const via = path[i];
    const m = /`([^`]+)`/.exec(via.label);
    return { label: m ? `${step.name} \`${m[1]}\`` : step.name, id: step.id };
  }
  return null;
}
