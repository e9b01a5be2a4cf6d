import { HeapGraph } from '../graph/heapGraph';
import { DetectorContext, DetectorInput } from './detector';
import { Finding, FindingKind } from '../../protocol/finding';
import { formatCount } from '../../protocol/format';
import { findingPath } from './findingPath';
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
  /** Count at each snapshot of the series (0 where absent). */
  counts: number[];
  growing: boolean;
  path: Finding['path'];
  /** True when earlier snapshots' groups were found by retainer path (V8 renumbered the ids). */
  matchedByPath: boolean;
}

export type Description = Pick<Finding, 'title' | 'evidence' | 'fix' | 'location' | 'details'> & { holderId?: number | null };

/** A detector's rule, for detectors whose findings are groups measured per snapshot. */
export interface GroupRule<C extends Group> {
  scan(graph: HeapGraph, ctx: DetectorContext): Promise<C[]>;
  /** Whether the group in the last snapshot is a finding. `snapshots` is the series length. */
  accept(group: C, growing: boolean, snapshots: number): boolean;
  describe(group: C, facts: GroupFacts): Promise<Description> | Description;
  /** When set, `growing` also needs the bytes to rise at every step, not only the count. */
  bytesMustGrow?: boolean;
}

const MAX_NODE_IDS = 1000;

/** Scans every snapshot, lines groups up by key, applies the rule, and builds the findings. */
export async function detectGroups<C extends Group>(kind: FindingKind, input: DetectorInput, ctx: DetectorContext, rule: GroupRule<C>): Promise<Finding[]> {
  const entries = await seriesOf(input.snapshots, (graph) => rule.scan(graph, ctx), () => ctx.checkpoint());
  const graph = input.snapshots[input.snapshots.length - 1];
  const findings: Finding[] = [];
  for (const entry of entries) {
    const growing = growsAtEveryStep(entry) && (!rule.bytesMustGrow || bytesGrowAtEveryStep(entry));
    const g = entry.last;
    if (!rule.accept(g, growing, input.snapshots.length)) continue;
    const { series, growth } = bytesSeries(entry);
    // A timer or a handle is itself what keeps its objects: its path through Node's lists is the explanation.
    const preferUser = kind !== 'timer-leak' && kind !== 'open-handle';
    const { path, cutIndex } = await findingPath(graph, g.target, g.holder, () => ctx.checkpoint(), preferUser);
    const d = await rule.describe(g, { graph, counts: entry.steps.map((s) => s?.count ?? 0), growing, path, matchedByPath: entry.matchedByPath });
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
      location: d.location,
      evidence: d.evidence,
      fix: d.fix,
      details: d.details,
    });
  }
  return findings;
}

/** Sum of retained sizes of distinct nodes, skipping any dominated by another in the set. */
export function retainedOfSet(graph: HeapGraph, nodes: Iterable<number>): number {
  const set = new Set(nodes);
  let total = 0;
  for (const n of set) {
    let nested = false;
    let cur = graph.dominator[n];
    for (let steps = 0; steps < 64 && cur !== graph.dominator[cur]; steps++) {
      if (set.has(cur)) {
        nested = true;
        break;
      }
      cur = graph.dominator[cur];
    }
    if (!nested) total += graph.retainedSize[n];
  }
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
