import { HeapGraph } from '../graph/heapGraph';
import { Detector, DetectorContext, DetectorInput } from './detector';
import { Finding } from './finding';
import { findingPath } from './findingPath';
import { formatBytes, formatCount, plural } from './formatBytes';
import { GraphReader } from './graphReader';
import { readerFor } from './graphViews';
import { Holder, holderOf } from './holderOf';
import { bytesSeries, growsAtEveryStep, Measured, seriesOf } from './seriesOf';

/** ArrayBuffers smaller than this are not worth a finding even when sliced. */
const MIN_BACKING_STORE = 4096;
/** A retired slab whose live views average at least this many bytes of slab each is sparse. */
const SPARSE_SLAB_BYTES_PER_VIEW = 1024;
/** Bytes pinned by one holder before a finding: single snapshot / growing series. */
const MIN_PINNED_SINGLE = 64 * 1024;
const MIN_PINNED_GROWING = 32 * 1024;
const MAX_NODE_IDS = 1000;

type Form = 'node-slab' | 'app-pool';

interface PooledGroup extends Measured {
  form: Form;
  holder: Holder;
  /** Ordinals of the views the holder keeps. */
  views: number[];
  /** Distinct ArrayBuffers those views pin. */
  buffers: number;
  backingStoreSize: number;
  backingBytes: number;
  /** For app pools: buffers also viewed from another holder, and that holder's label. */
  sharedBuffers: number;
  sharedWith: string | null;
  /** Buffers with several views in this holder. */
  multiViewBuffers: number;
}

interface BufferInfo {
  node: number;
  size: number;
  slab: boolean;
  views: { view: number; holder: Holder | null }[];
}

/**
 * Pattern 1 (leak-patterns.md): pooled buffers kept alive by escaped views.
 * - Node's own pool: an ArrayBuffer carrying the pool's untransferable marker (a hidden
 *   PropertyArray), not the current `allocPool`, whose few live views are held by one container.
 * - An app's pool of larger buffers: one ArrayBuffer with several views, either several in one
 *   container (a reused pool buffer under several cache entries) or in two containers (the pool
 *   and the cache); the container holding the slices is flagged together with its other views of
 *   buffers of that size (pool buffers the pool has dropped).
 * The snapshot has no byteOffset/byteLength; confirmPooledBuffers adds them from the live process.
 */
export const pooledBufferSliceDetector: Detector = {
  kind: 'pooled-buffer-slice',
  async detect(input: DetectorInput, ctx: DetectorContext): Promise<Finding[]> {
    const entries = await seriesOf(input.snapshots, (graph) => scan(graph, ctx));
    const last = input.snapshots[input.snapshots.length - 1];
    const findings: Finding[] = [];
    for (const entry of entries) {
      const growing = growsAtEveryStep(entry);
      const g = entry.last;
      if (g.bytes < (growing ? MIN_PINNED_GROWING : MIN_PINNED_SINGLE)) continue;
      const { series, growth } = bytesSeries(entry);
      const { path, cutIndex } = await findingPath(last, g.views[0], g.holder.node, () => ctx.checkpoint());
      findings.push(toFinding(last, g, series, growth, growing, entry.steps.map((s) => s?.count ?? 0), path, cutIndex));
    }
    return findings;
  },
};

async function scan(graph: HeapGraph, ctx: DetectorContext): Promise<PooledGroup[]> {
  const r = readerFor(graph);
  const buffers = collectBuffers(r);
  await ctx.checkpoint();
  const groups = new Map<string, PooledGroup>();
  const groupFor = (form: Form, holder: Holder, size: number): PooledGroup => {
    const key = `${form}:${r.id(holder.node)}:${size}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key, form, holder, views: [], buffers: 0, backingStoreSize: size, backingBytes: 0, bytes: 0, count: 0,
        sharedBuffers: 0, sharedWith: null, multiViewBuffers: 0,
      };
      groups.set(key, group);
    }
    return group;
  };
  const add = (group: PooledGroup, b: BufferInfo, holderNode: number) => {
    const mine = b.views.filter((v) => v.holder?.node === holderNode);
    for (const v of mine) group.views.push(v.view);
    group.buffers += 1;
    group.backingBytes += b.size;
    group.bytes += b.size + graph.nodeSelfSize[b.node] + mine.reduce((s, v) => s + graph.nodeSelfSize[v.view], 0);
    group.count += mine.length;
    if (mine.length > 1) group.multiViewBuffers += 1;
    const other = b.views.find((v) => v.holder && v.holder.node !== holderNode);
    if (other?.holder) {
      group.sharedBuffers += 1;
      group.sharedWith = other.holder.label;
    }
  };

  // Node's slabs: attribute each sparse retired slab to the holder keeping most of its views.
  for (const b of buffers) {
    if (!b.slab || b.views.length === 0 || b.size / b.views.length < SPARSE_SLAB_BYTES_PER_VIEW) continue;
    const holder = majorityHolder(b);
    if (holder) add(groupFor('node-slab', holder, b.size), b, holder.node);
  }

  // App pools: find holders that keep slices, then take their views of buffers of that size.
  const sliceHolders = new Map<number, { holder: Holder; sizes: Set<number> }>();
  const viewsPerHolder = new Map<number, number>();
  for (const b of buffers) {
    if (b.slab) continue;
    for (const v of b.views) if (v.holder) viewsPerHolder.set(v.holder.node, (viewsPerHolder.get(v.holder.node) ?? 0) + 1);
  }
  for (const b of buffers) {
    if (b.slab || b.views.length < 2) continue;
    const counts = new Map<number, { holder: Holder; n: number }>();
    for (const v of b.views) {
      if (!v.holder) continue;
      const c = counts.get(v.holder.node) ?? { holder: v.holder, n: 0 };
      c.n += 1;
      counts.set(v.holder.node, c);
    }
    const holders = [...counts.values()];
    for (const c of holders) {
      const several = c.n >= 2;
      // With two holders of one buffer, the one with more views of such buffers is the cache;
      // the other is the pool.
      const cacheSide = holders.length >= 2 && holders.every((o) => o === c || (viewsPerHolder.get(o.holder.node) ?? 0) < (viewsPerHolder.get(c.holder.node) ?? 0));
      if (!several && !cacheSide) continue;
      const s = sliceHolders.get(c.holder.node) ?? { holder: c.holder, sizes: new Set<number>() };
      s.sizes.add(b.size);
      sliceHolders.set(c.holder.node, s);
    }
  }
  for (const b of buffers) {
    if (b.slab) continue;
    const seen = new Set<number>();
    for (const v of b.views) {
      const s = v.holder ? sliceHolders.get(v.holder.node) : undefined;
      if (!s || seen.has(s.holder.node) || !s.sizes.has(b.size)) continue;
      seen.add(s.holder.node);
      add(groupFor('app-pool', s.holder, b.size), b, s.holder.node);
    }
  }
  return [...groups.values()];
}

function collectBuffers(r: GraphReader): BufferInfo[] {
  const g = r.graph;
  const out: BufferInfo[] = [];
  for (let n = 0; n < g.nodeCount; n++) {
    if (g.nodeType[n] !== g.types.object || !r.isObject(n, 'ArrayBuffer') || !r.reachable(n)) continue;
    const size = r.backingStoreSize(n);
    if (size < MIN_BACKING_STORE) continue;
    let current = false;
    let slab = false;
    const views: BufferInfo['views'] = [];
    r.forEachRetainer(n, (from, edge) => {
      const type = g.edgeType[edge];
      if (type === g.edgeTypes.context && r.edgeName(edge) === 'allocPool') current = true;
      else if (type === g.edgeTypes.internal && r.edgeName(edge) === 'buffer' && g.nodeType[from] === g.types.object) {
        views.push({ view: from, holder: null });
      }
    });
    if (current) continue;
    for (let e = g.firstEdge[n]; e < g.firstEdge[n + 1]; e++) {
      if (g.edgeType[e] === g.edgeTypes.hidden && r.name(g.edgeToNode[e]) === 'system / PropertyArray') slab = true;
    }
    for (const v of views) v.holder = holderOf(r, v.view);
    out.push({ node: n, size, slab, views });
  }
  return out;
}

function majorityHolder(b: BufferInfo): Holder | null {
  const counts = new Map<number, { holder: Holder; n: number }>();
  for (const v of b.views) {
    if (!v.holder) continue;
    const c = counts.get(v.holder.node) ?? { holder: v.holder, n: 0 };
    c.n += 1;
    counts.set(v.holder.node, c);
  }
  let best: { holder: Holder; n: number } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best ? best.holder : null;
}

function toFinding(
  graph: HeapGraph, g: PooledGroup, series: number[], growth: number | null, growing: boolean, counts: number[],
  path: Finding['path'], cutIndex: number | null,
): Finding {
  const size = formatBytes(g.backingStoreSize);
  const views = plural(g.count, 'Buffer');
  const evidence: string[] = [];
  let title: string;
  let fix: string;
  if (g.form === 'node-slab') {
    title = `${views} in ${g.holder.label} pin ${plural(g.buffers, `retired ${size} pool slab`)}`;
    evidence.push(
      `${plural(g.buffers, `ArrayBuffer of ${size}`)} carry Node's Buffer-pool marker and are no longer the current pool slab (\`allocPool\`): they are retired slabs, alive only through their views.`,
      `${g.holder.label} keeps ${views} that are views into those slabs: ${(g.count / g.buffers).toFixed(2)} per slab, so each view keeps about ${formatBytes(g.backingBytes / g.count)} of slab alive.`,
      `Node carves Buffer.from(string) and small Buffer.allocUnsafe() results out of a shared ${size} slab; one surviving view keeps the whole slab.`,
    );
    fix = `Do not keep small pooled Buffers in ${g.holder.label}: keep the string, or copy into an unpooled buffer (\`const own = Buffer.allocUnsafeSlow(b.length); b.copy(own)\`) before storing it, and bound the container.`;
  } else {
    title = `${views} in ${g.holder.label} pin ${plural(g.buffers, `pooled ${size} buffer`)}`;
    if (g.sharedBuffers > 0 && g.sharedWith) title += `, ${formatCount(g.sharedBuffers)} shared with ${g.sharedWith}`;
    evidence.push(`${g.holder.label} keeps ${views} that are views into ${plural(g.buffers, `ArrayBuffer of ${size}`)} (${formatBytes(g.backingBytes)} of backing store).`);
    if (g.multiViewBuffers > 0) {
      evidence.push(`${plural(g.multiViewBuffers, 'buffer')} each sit under several of its entries: a pool buffer was reused while earlier entries still viewed it, so those entries alias each other's bytes (a correctness bug as well as a leak).`);
    }
    if (g.sharedBuffers > 0 && g.sharedWith) {
      evidence.push(`${plural(g.sharedBuffers, 'buffer')} are also held by ${g.sharedWith}: the pool will hand them out again while ${g.holder.label} still reads them.`);
    }
    fix = `Store a copy in ${g.holder.label} (\`Buffer.from(view)\` or \`Buffer.copyBytesFrom(view)\`) instead of \`subarray()\`/\`slice()\` of a pooled buffer; then the pool can reuse or drop its buffers safely.`;
  }
  if (counts.length >= 2) {
    evidence.push(`Views held across the series: ${counts.map(formatCount).join(' → ')}${growing ? ' (growing at every snapshot)' : ''}.`);
  }
  return {
    kind: 'pooled-buffer-slice',
    title,
    retainedSize: g.bytes,
    growth,
    series,
    count: g.count,
    nodeIds: g.views.slice(0, MAX_NODE_IDS).map((v) => graph.nodeId[v]),
    path,
    holderId: graph.nodeId[g.holder.node],
    cutIndex,
    location: null,
    evidence,
    fix,
    details: { kind: 'buffer', backingStoreSize: g.backingStoreSize, views: g.count, liveBytesUsed: null },
  };
}
