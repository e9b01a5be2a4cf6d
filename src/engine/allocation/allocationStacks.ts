import { Finding, AllocationFrame } from '../../protocol/finding';
import { HeapGraph } from '../graph/heapGraph';
import { NodeIdIndex } from '../analysis/nodeIdIndex';
import { AllocationTraces } from '../snapshot/allocationTraces';

/** At most this many of a finding's objects are looked up (their `nodeIds` are capped at 1,000 anyway). */
const MAX_LOOKUPS = 1000;
/** A stack deeper than this is cut (the outermost frames, the least telling, go). */
const MAX_FRAMES = 64;

/** At most this many objects of a holder's retained subtree are visited for their traces. */
const MAX_SUBTREE = 100_000;

/**
 * Names the exact stack a finding's objects were allocated on, from a snapshot taken with
 * trackAllocations (see allocationTraces.ts): each object's trace node is the innermost frame of
 * its allocation, and the tree's parents are the callers. The objects asked are the finding's
 * own; for a growing collection (whose own object is the collection, allocated once) and for a
 * finding none of whose objects carries a trace, the objects its holder retains instead (its
 * dominator subtree, where the growth is). Of those that carry a trace, the stack most share is
 * named, with how many share it; `allocatedAt` is its innermost frame in the user's code (not
 * Node's own `node:` scripts, not V8's frames without a script). Objects allocated before tracking
 * began carry no trace (id 0) and are not counted. Exact where the sampled sites are a
 * statistical match, so it replaces theirs. Mutates the findings (adds `allocationStack`,
 * `allocatedAt` and one line of evidence).
 */
export function addAllocationStacks(graph: HeapGraph, findings: Finding[]): void {
  const traces = graph.allocationTraces;
  if (!traces || traces.tree.count === 0 || findings.length === 0) return;
  const ids = new NodeIdIndex(graph);
  const ordinalOfTrace = new Map<number, number>();
  for (let k = 0; k < traces.tree.count; k++) ordinalOfTrace.set(traces.tree.id[k], k);
  const count = (ordinals: Iterable<number>): Tally => {
    const perTrace = new Map<number, number>();
    let traced = 0;
    for (const ordinal of ordinals) {
      const trace = ordinalOfTrace.get(traces.nodeTraceId[ordinal]);
      if (trace === undefined) continue;
      traced++;
      perTrace.set(trace, (perTrace.get(trace) ?? 0) + 1);
    }
    let best = -1;
    let most = 0;
    for (const [trace, n] of perTrace) {
      if (n > most || (n === most && trace < best)) {
        best = trace;
        most = n;
      }
    }
    return { best, most, traced };
  };
  for (const finding of findings) {
    const own = finding.nodeIds.slice(0, MAX_LOOKUPS).map((id) => ids.ordinalOf(id)).filter((o) => o >= 0);
    const holder = finding.holderId === null ? -1 : ids.ordinalOf(finding.holderId);
    let tally = finding.kind === 'unbounded-collection' ? NONE : count(own);
    let what = 'objects of this finding';
    if (tally.best < 0 && holder >= 0) {
      tally = count(retainedBy(graph, holder));
      what = 'objects its holder keeps';
    }
    if (tally.best < 0) continue;
    const stack = stackOf(graph, traces, tally.best);
    const at = stack.find(isUserFrame) ?? stack.find((f) => f.script !== '');
    if (!at) continue;
    finding.allocationStack = stack;
    finding.allocatedAt = { ...at };
    const shown = stack.slice(0, 4).map(frameText).join(' ← ');
    finding.evidence.push(
      `Of the ${tally.traced.toLocaleString('en-US')} ${what} that were allocated while trackAllocations was on, ` +
        `${tally.most.toLocaleString('en-US')} were allocated on one stack: ${shown}${stack.length > 4 ? ` ← … (${stack.length} frames)` : ''}.`,
    );
  }
}

interface Tally {
  /** The trace node most objects were allocated on, -1 for none. */
  best: number;
  most: number;
  /** Objects that carried a trace. */
  traced: number;
}
const NONE: Tally = { best: -1, most: 0, traced: 0 };

/**
 * The nodes `holder` dominates (what it retains), holder excluded, at most MAX_SUBTREE, in BFS
 * order over its edges. A node belongs iff its immediate dominator does: that dominator lies on
 * every path to the node, so on the BFS path from the holder too, and is marked before the node is
 * reached. Linear in the edges of the nodes visited.
 */
function retainedBy(graph: HeapGraph, holder: number): number[] {
  const inside = new Set<number>([holder]);
  const queue = [holder];
  for (let head = 0; head < queue.length && queue.length <= MAX_SUBTREE; head++) {
    const n = queue[head];
    for (let e = graph.firstEdge[n]; e < graph.firstEdge[n + 1]; e++) {
      const t = graph.edgeToNode[e];
      if (inside.has(t) || !inside.has(graph.dominator[t])) continue;
      inside.add(t);
      queue.push(t);
    }
  }
  return queue.slice(1);
}

/** Innermost frame first; V8's synthetic root frame left out. Lines and columns 1-based as V8 writes them here. */
export function stackOf(graph: HeapGraph, traces: AllocationTraces, trace: number): AllocationFrame[] {
  const { tree, functions } = traces;
  const frames: AllocationFrame[] = [];
  for (let k = trace; k >= 0 && tree.parent[k] >= 0 && frames.length < MAX_FRAMES; k = tree.parent[k]) {
    const f = tree.functionIndex[k];
    frames.push({
      functionName: graph.strings.get(functions.name[f]),
      script: graph.strings.get(functions.scriptName[f]),
      line: functions.line[f],
      column: functions.column[f],
    });
  }
  return frames;
}

function isUserFrame(frame: AllocationFrame): boolean {
  return frame.script !== '' && !frame.script.startsWith('node:') && frame.line > 0;
}

function frameText(frame: AllocationFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.script) return `${name}()`;
  const slash = frame.script.lastIndexOf('/');
  return `${name}() at ${slash >= 0 ? frame.script.slice(slash + 1) : frame.script}:${frame.line}`;
}
