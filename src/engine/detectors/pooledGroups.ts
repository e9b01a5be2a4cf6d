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
/** Node's `Buffer.poolSize` before Node 26, when the heap has no current pool slab to read it from. */
const DEFAULT_POOL_SIZE = 8 * 1024;

/**
 * - `node-slab`: views into Node's own retired pool slabs (Buffer.from(string), small allocUnsafe).
 * - `app-pool`: views into larger ArrayBuffers that have several views (an app's pool buffer
 *   sliced into entries), with the holder's other views of such buffers (pool buffers since dropped).
 * - `lone-view`: each view is the only one left of its own ArrayBuffer: a socket read chunk, a
 *   decoder's input, a `Buffer.concat` result or a whole file the view was cut from (or is all of).
 */
export type PooledForm = 'node-slab' | 'app-pool' | 'lone-view';

/** Views one holder keeps into pooled or larger buffers, in one snapshot. */
export interface PooledGroup extends Measured {
  form: PooledForm;
  holder: Holder;
  /** Ordinals of the views the holder keeps. */
  views: number[];
  /** Distinct ArrayBuffers those views pin. */
  buffers: number;
  /** Backing store sizes of those ArrayBuffers, one per buffer (they need not be equal). */
  sizes: number[];
  backingBytes: number;
  /** Node's Buffer pool slab size as this heap shows it (the current `allocPool`'s size). */
  poolSize: number;
  /** Buffers also viewed from another holder, and that holder's label. */
  sharedBuffers: number;
  sharedWith: string | null;
  /** Buffers with several views in this holder. */
  multiViewBuffers: number;
  /** Of `count`, views into the current pool slab, which will pin it too once the pool moves on. */
  currentSlabViews: number;
}

interface BufferInfo {
  node: number;
  size: number;
  slab: boolean;
  /** The current pool slab (`allocPool`): its views count, its bytes are the pool's. */
  current: boolean;
  views: { view: number; holder: Holder | null }[];
}

/**
 * One snapshot's pooled-buffer groups (see pooledBufferSliceDetector for the rules): every
 * ArrayBuffer of at least 4 KiB with its views and each view's holder; Node slabs are attributed
 * to the holder keeping most of their views, app-pool buffers to the holders keeping slices, and
 * the rest to the holder of their one view. Groups are by holder and form, never by one exact
 * backing-store size: a cache of slices of buffers of many sizes is one group.
 */
export async function pooledGroups(graph: HeapGraph, ctx: DetectorContext): Promise<PooledGroup[]> {
  const r = readerFor(graph);
  const { buffers, poolSize } = collectBuffers(r);
  await ctx.checkpoint();
  const groups = new Map<string, PooledGroup>();
  const groupFor = (form: PooledForm, holder: Holder): PooledGroup => {
    const key = `${form}:${r.idKey(holder.node)}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key, form, holder, views: [], buffers: 0, sizes: [], backingBytes: 0, poolSize, bytes: 0, count: 0,
        sharedBuffers: 0, sharedWith: null, multiViewBuffers: 0, currentSlabViews: 0,
      };
      groups.set(key, group);
    }
    return group;
  };
  const add = (group: PooledGroup, b: BufferInfo, holderNode: number) => {
    const mine = b.views.filter((v) => v.holder?.node === holderNode);
    for (const v of mine) group.views.push(v.view);
    group.buffers += 1;
    group.sizes.push(b.size);
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
    if (b.current || !b.slab || b.views.length === 0 || b.size / b.views.length < SPARSE_SLAB_BYTES_PER_VIEW) continue;
    const holder = majorityHolder(b);
    if (holder) add(groupFor('node-slab', holder), b, holder.node);
  }
  // A holder of retired slabs also keeps its views into the current slab: they are as many of
  // its entries (the user counts them all) and will pin that slab once the pool moves on.
  for (const b of buffers) {
    if (!b.current) continue;
    for (const v of b.views) {
      const group = v.holder ? groups.get(`node-slab:${r.idKey(v.holder.node)}`) : undefined;
      if (!group) continue;
      group.views.push(v.view);
      group.count += 1;
      group.currentSlabViews += 1;
    }
  }

  // App pools: holders that keep slices (several views of one buffer, or the cache side of a
  // buffer two holders view); then every view of a larger buffer those holders keep.
  const sliceHolders = new Map<number, Holder>();
  const viewsPerHolder = new Map<number, number>();
  for (const b of buffers) {
    if (b.slab || b.current) continue;
    for (const v of b.views) if (v.holder) viewsPerHolder.set(v.holder.node, (viewsPerHolder.get(v.holder.node) ?? 0) + 1);
  }
  for (const b of buffers) {
    if (b.slab || b.current || b.views.length < 2) continue;
    const holders = holderCounts(b);
    for (const c of holders) {
      const several = c.n >= 2;
      // With two holders of one buffer, the one with more views of such buffers is the cache;
      // the other is the pool.
      const cacheSide = holders.length >= 2 && holders.every((o) => o === c || (viewsPerHolder.get(o.holder.node) ?? 0) < (viewsPerHolder.get(c.holder.node) ?? 0));
      if (several || cacheSide) sliceHolders.set(c.holder.node, c.holder);
    }
  }
  for (const b of buffers) {
    if (b.slab || b.current) continue;
    const seen = new Set<number>();
    for (const v of b.views) {
      if (!v.holder || seen.has(v.holder.node)) continue;
      seen.add(v.holder.node);
      const slicer = sliceHolders.get(v.holder.node);
      if (slicer) add(groupFor('app-pool', slicer), b, slicer.node);
      else if (b.views.length === 1) add(groupFor('lone-view', v.holder), b, v.holder.node);
    }
  }
  return [...groups.values()];
}

/**
 * Every reachable ArrayBuffer of at least 4 KiB (the current pool slab marked), and the pool size:
 * the current slab (`allocPool` in the buffer module's context) has exactly `Buffer.poolSize`
 * bytes (8 KiB before Node 26, 64 KiB since).
 */
function collectBuffers(r: GraphReader): { buffers: BufferInfo[]; poolSize: number } {
  const g = r.graph;
  const out: BufferInfo[] = [];
  let poolSize = 0;
  const slabSizes = new Map<number, number>();
  for (let n = 0; n < g.nodeCount; n++) {
    if (g.nodeType[n] !== g.types.object || !r.isObject(n, 'ArrayBuffer') || !r.reachable(n)) continue;
    const size = r.backingStoreSize(n);
    let current = false;
    r.forEachRetainer(n, (from, edge) => {
      if (g.edgeType[edge] === g.edgeTypes.context && r.edgeName(edge) === 'allocPool') current = true;
    });
    if (current) poolSize = Math.max(poolSize, size);
    else if (size < MIN_BACKING_STORE) continue;
    let slab = false;
    for (let e = g.firstEdge[n]; e < g.firstEdge[n + 1]; e++) {
      if (g.edgeType[e] === g.edgeTypes.hidden && r.name(g.edgeToNode[e]) === 'system / PropertyArray') slab = true;
    }
    const views: BufferInfo['views'] = [];
    r.forEachRetainer(n, (from, edge) => {
      if (g.edgeType[edge] === g.edgeTypes.internal && r.edgeName(edge) === 'buffer' && g.nodeType[from] === g.types.object) {
        views.push({ view: from, holder: null });
      }
    });
    for (const v of views) v.holder = holderOf(r, v.view);
    if (slab) slabSizes.set(size, (slabSizes.get(size) ?? 0) + 1);
    out.push({ node: n, size, slab, current, views });
  }
  // Without a current slab in this heap, the most common retired slab size is the pool size.
  if (poolSize === 0) {
    let best = 0;
    for (const [size, n] of slabSizes) if (n > best) [poolSize, best] = [size, n];
  }
  return { buffers: out, poolSize: poolSize || DEFAULT_POOL_SIZE };
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
