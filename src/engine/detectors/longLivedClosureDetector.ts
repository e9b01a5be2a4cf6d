import { HeapGraph } from '../graph/heapGraph';
import { ClosureSourceReader, usesIdentifier } from './closureSource';
import { Detector, DetectorContext, DetectorInput } from './detector';
import { Finding, SourceLocation } from '../../protocol/finding';
import { findingPath } from './findingPath';
import { formatBytes, formatCount, plural } from '../../protocol/format';
import { GraphReader } from './graphReader';
import { readerFor } from './graphViews';
import { Holder, holderOf } from './holderOf';
import { bytesSeries, growsAtEveryStep, Measured, seriesOf } from './seriesOf';

/** A context retaining less than this is not looked at. */
const MIN_CONTEXT_BYTES = 4 * 1024;
/** Bytes kept by one group of closures before a finding: single snapshot / growing series. */
const MIN_GROUP_SINGLE = 256 * 1024;
const MIN_GROUP_GROWING = 64 * 1024;
const MAX_NODE_IDS = 1000;

interface ClosureGroup extends Measured {
  closures: number[];
  shared: number;
  holder: Holder | null;
  /** Captured variable name → bytes it alone keeps, summed over the group. */
  variables: Map<string, number>;
}

/**
 * Pattern 2 (docs/leak-patterns.md): closures kept by a long-lived holder whose Context retains a lot.
 * A Context dominated by its one closure belongs to that closure alone; its `context` edges are
 * the captured variables, and what each variable's target alone keeps (its retained size when
 * the Context dominates it) is what the closure costs. Closures are grouped by function (their
 * shared function info, a stable id) and holder. The closure's own source, read from its file,
 * tells whether it uses the biggest variable; if not, that is V8's shared-context trap.
 */
export const longLivedClosureDetector: Detector = {
  kind: 'long-lived-closure',
  async detect(input: DetectorInput, ctx: DetectorContext): Promise<Finding[]> {
    const entries = await seriesOf(input.snapshots, (graph) => scan(graph, ctx), () => ctx.checkpoint());
    const last = input.snapshots[input.snapshots.length - 1];
    const r = readerFor(last);
    const sources = new ClosureSourceReader();
    const findings: Finding[] = [];
    for (const entry of entries) {
      const growing = growsAtEveryStep(entry);
      const g = entry.last;
      if (g.bytes < (growing ? MIN_GROUP_GROWING : MIN_GROUP_SINGLE)) continue;
      const { series, growth } = bytesSeries(entry);
      const closure = g.closures[0];
      const { path, cutIndex } = await findingPath(last, closure, g.holder?.node ?? null, () => ctx.checkpoint());
      const location = sourceLocation(r, closure);
      const source = location ? await reachableSource(r, sources, closure, location) : null;
      const used = source === null ? null : usesIdentifier(source, biggestVariable(g));
      // A closure keeping data it never uses is the trap whatever the series says; one that
      // needs its data is only a leak when closures of its function keep multiplying.
      if (used !== false && !(input.snapshots.length >= 3 && growing)) continue;
      findings.push(toFinding(r, g, series, growth, growing, entry.steps.map((s) => s?.count ?? 0), path, cutIndex, location, source));
    }
    return findings;
  },
};

async function scan(graph: HeapGraph, ctx: DetectorContext): Promise<ClosureGroup[]> {
  const r = readerFor(graph);
  const groups = new Map<string, ClosureGroup>();
  const internal = graph.edgeTypes.internal;
  for (let c = 0; c < graph.nodeCount; c++) {
    if ((c & 0xffff) === 0) await ctx.checkpoint();
    if (graph.nodeType[c] !== graph.types.closure || !r.reachable(c)) continue;
    const context = r.child(c, 'context', internal);
    if (context < 0 || graph.dominator[context] !== c || graph.retainedSize[context] < MIN_CONTEXT_BYTES) continue;
    if (r.name(context) !== 'system / Context') continue;
    const url = r.scriptUrl(c);
    if (url !== null && url.startsWith('node:')) continue;
    const shared = r.sharedInfo(c);
    if (shared < 0) continue;
    const holder = holderOf(r, c);
    const key = `${r.idKey(shared)}:${holder ? r.idKey(holder.node) : '-'}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, closures: [], shared, holder, variables: new Map(), bytes: 0, count: 0 };
      groups.set(key, group);
    }
    group.closures.push(c);
    group.count += 1;
    group.bytes += graph.retainedSize[c];
    for (let e = graph.firstEdge[context]; e < graph.firstEdge[context + 1]; e++) {
      if (graph.edgeType[e] !== graph.edgeTypes.context) continue;
      const target = graph.edgeToNode[e];
      const own = graph.dominator[target] === context ? graph.retainedSize[target] : 0;
      const name = r.edgeName(e);
      group.variables.set(name, (group.variables.get(name) ?? 0) + own);
    }
  }
  return [...groups.values()];
}

function biggestVariable(g: ClosureGroup): string {
  let best = '';
  let bytes = -1;
  for (const [name, b] of g.variables) if (b > bytes) [best, bytes] = [name, b];
  return best;
}

/**
 * The closure's own source plus that of every function it can call by name through its
 * context (functions stored in the same context), transitively: a variable those use is used by
 * the closure too, not kept by the shared-context trap. A worklist over the context's closures.
 */
async function reachableSource(r: GraphReader, sources: ClosureSourceReader, closure: number, at: SourceLocation): Promise<string | null> {
  const own = await sources.functionSource(at.url, at.line - 1, at.column - 1);
  if (own === null) return null;
  const g = r.graph;
  const context = r.child(closure, 'context', g.edgeTypes.internal);
  const callees = new Map<string, number>();
  if (context >= 0) {
    for (let e = g.firstEdge[context]; e < g.firstEdge[context + 1]; e++) {
      if (g.edgeType[e] === g.edgeTypes.context && g.nodeType[g.edgeToNode[e]] === g.types.closure) callees.set(r.edgeName(e), g.edgeToNode[e]);
    }
  }
  let text = own;
  const pending = [own];
  const done = new Set<string>();
  while (pending.length > 0) {
    const src = pending.pop() as string;
    for (const [name, fn] of callees) {
      if (done.has(name) || !usesIdentifier(src, name)) continue;
      done.add(name);
      const loc = sourceLocation(r, fn);
      const body = loc ? await sources.functionSource(loc.url, loc.line - 1, loc.column - 1) : null;
      if (body !== null) {
        text += `\n${body}`;
        pending.push(body);
      }
    }
  }
  return text;
}

function sourceLocation(r: GraphReader, closure: number): SourceLocation | null {
  const url = r.scriptUrl(closure);
  const at = r.location(closure);
  return url && at ? { url, line: at.line + 1, column: at.column + 1 } : null;
}

function toFinding(
  r: GraphReader, g: ClosureGroup, series: number[], growth: number | null, growing: boolean, counts: number[],
  path: Finding['path'], cutIndex: number | null, location: SourceLocation | null, source: string | null,
): Finding {
  const fn = r.name(g.closures[0]) || '(anonymous)';
  const variables = [...g.variables.entries()].sort((a, b) => b[1] - a[1]);
  const [bigName, bigBytes] = variables[0] ?? ['?', 0];
  // `source` includes the functions the closure calls through its context (reachableSource).
  const used = source === null ? null : usesIdentifier(source, bigName);
  const where = g.holder ? ` in ${g.holder.label}` : '';
  const closures = g.count === 1 ? `closure \`${fn}\`` : `${formatCount(g.count)} closures \`${fn}\``;
  const trap = used === false;
  const title = `${closures}${where} keep${g.count === 1 ? 's' : ''} \`${bigName}\` alive (${formatBytes(bigBytes)})${trap ? ' without using it' : ''}`;
  const at = location ? ` (${shortUrl(location.url)}:${location.line}:${location.column})` : '';
  const evidence = [
    `Each \`${fn}\`${at} closure has a context of its own that only it keeps alive${g.holder ? `, and ${g.holder.label} keeps the closure` : ''}.`,
    `Captured variables by the memory each alone keeps: ${variables.slice(0, 4).map(([n, b]) => `\`${n}\` ${formatBytes(b)}`).join(', ')}.`,
  ];
  if (used === false) {
    evidence.push(
      `\`${bigName}\` does not occur in \`${fn}\`'s source nor in the functions it calls: this is V8's shared-context trap — all closures created in one scope share one context holding every variable any of them uses, so this small closure keeps a sibling's \`${bigName}\` alive.`,
    );
  } else if (used === true) {
    evidence.push(`\`${fn}\` uses \`${bigName}\`, so the closure really needs it for as long as it is kept.`);
  } else {
    evidence.push(`The closure's source file could not be read, so whether it uses \`${bigName}\` is unknown.`);
  }
  if (counts.length >= 2) evidence.push(`Closures across the series: ${counts.map(formatCount).join(' → ')}${growing ? ' (growing at every snapshot)' : ''}.`);
  const release = g.holder ? `remove \`${fn}\` from ${g.holder.label} when its work is done` : `drop the reference to \`${fn}\` when its work is done`;
  const fix = trap
    ? `Create \`${fn}\` outside the scope that holds \`${bigName}\` (e.g. in a small factory function taking only what it needs), or clear \`${bigName}\` once used; and ${release}.`
    : `Keep \`${fn}\` only as long as needed (${release}), or capture a small summary instead of \`${bigName}\`.`;
  return {
    kind: 'long-lived-closure',
    title,
    retainedSize: g.bytes,
    growth,
    series,
    count: g.count,
    nodeIds: g.closures.slice(0, MAX_NODE_IDS).map((c) => r.id(c)),
    path,
    holderId: g.holder ? r.id(g.holder.node) : null,
    cutIndex,
    location,
    evidence,
    fix,
    details: {
      kind: 'closure',
      functionName: fn,
      captured: variables.map(([name, retainedSize]) => ({ name, retainedSize, usedBySource: source === null ? null : usesIdentifier(source, name) })),
    },
  };
}

function shortUrl(url: string): string {
  const slash = url.lastIndexOf('/');
  return slash >= 0 ? url.slice(slash + 1) : url;
}

