import { HeapGraph } from '../graph/heapGraph';
import { DetectorContext } from './detector';
import { GraphReader } from './graphReader';
import { readerFor } from './graphViews';
import { Holder, holderOf } from './holderOf';
import { Measured } from './seriesOf';

/** ArrayBuffers smaller than this are not worth a finding even when sliced. */
const MIN_BACKING_STORE = 4096;
/** A retired slab whose live views average at least this many bytes of slab each is sparse. */
const SPARSE_SLAB_BYTES_PER_VIEW = 1024;

export type PooledForm = 'node-slab' | 'app-pool';

/** Views one holder keeps into pooled buffers of one size, in one snapshot. */
export interface PooledGroup extends Measured {
  form: PooledForm;
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
 * One snapshot's pooled-buffer groups (see pooledBufferSliceDetector for the rules): every
 * ArrayBuffer of at least 4 KiB with its views and each view's holder, then Node slabs attributed
 * to the holder keeping most of their views, and app-pool buffers to the holders keeping slices.
 */
export async function pooledGroups(graph: HeapGraph, ctx: DetectorContext): Promise<PooledGroup[]> {
  const r = readerFor(graph);
  const buffers = collectBuffers(r);
  await ctx.checkpoint();
  const groups = new Map<string, PooledGroup>();
  const groupFor = (form: PooledForm, holder: Holder, size: number): PooledGroup => {
    const key = `${form}:${r.idKey(holder.node)}:${size}`;
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
    const holders = holderCounts(b);
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

/** A buffer's holders with how many of its views each keeps, in first-seen order. */
function holderCounts(b: BufferInfo): { holder: Holder; n: number }[] {
  const counts = new Map<number, { holder: Holder; n: number }>();
  for (const v of b.views) {
    if (!v.holder) continue;
    const c = counts.get(v.holder.node) ?? { holder: v.holder, n: 0 };
    c.n += 1;
    counts.set(v.holder.node, c);
  }
  return [...counts.values()];
}

function majorityHolder(b: BufferInfo): Holder | null {
  let best: { holder: Holder; n: number } | null = null;
  for (const c of holderCounts(b)) if (!best || c.n > best.n) best = c;
  return best ? best.holder : null;
}
