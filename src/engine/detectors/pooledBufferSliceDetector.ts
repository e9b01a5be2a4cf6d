import { HeapGraph } from '../graph/heapGraph';
import { Detector, DetectorContext, DetectorInput } from './detector';
import { Finding } from './finding';
import { findingPath } from './findingPath';
import { formatBytes, formatCount, plural } from './formatBytes';
import { readerFor } from './graphViews';
import { PooledGroup, pooledGroups } from './pooledGroups';
import { bytesSeries, growsAtEveryStep, seriesOf } from './seriesOf';

/** Bytes pinned by one holder before a finding: single snapshot / growing series. */
const MIN_PINNED_SINGLE = 64 * 1024;
const MIN_PINNED_GROWING = 32 * 1024;
const MAX_NODE_IDS = 1000;

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
    const entries = await seriesOf(input.snapshots, (graph) => pooledGroups(graph, ctx), () => ctx.checkpoint());
    const last = input.snapshots[input.snapshots.length - 1];
    const findings: Finding[] = [];
    for (const entry of entries) {
      const growing = growsAtEveryStep(entry);
      const g = entry.last;
      if (g.bytes < (growing ? MIN_PINNED_GROWING : MIN_PINNED_SINGLE) || (!growing && g.buffers < 2)) continue;
      // Node's own module state (a header kept as one Buffer) is not the app's to fix.
      if (g.holder.kind === 'variable' && readerFor(last).isNodeInternalContext(g.holder.node)) continue;
      const { series, growth } = bytesSeries(entry);
      const { path, cutIndex } = await findingPath(last, g.views[0], g.holder.node, () => ctx.checkpoint());
      findings.push(toFinding(last, g, series, growth, growing, entry.steps.map((s) => s?.count ?? 0), path, cutIndex));
    }
    return findings;
  },
};

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
      `${plural(g.buffers, 'ArrayBuffer')} of ${size} carry Node's Buffer-pool marker and are no longer the current pool slab (\`allocPool\`): they are retired slabs, alive only through their views.`,
      `${g.holder.label} keeps ${views} that are views into those slabs: ${(g.count / g.buffers).toFixed(2)} per slab, so each view keeps about ${formatBytes(g.backingBytes / g.count)} of slab alive.`,
      `Node carves Buffer.from(string) and small Buffer.allocUnsafe() results out of a shared ${size} slab; one surviving view keeps the whole slab.`,
    );
    fix = `Do not keep small pooled Buffers in ${g.holder.label}: keep the string, or copy into an unpooled buffer (\`const own = Buffer.allocUnsafeSlow(b.length); b.copy(own)\`) before storing it, and bound the container.`;
  } else {
    title = `${views} in ${g.holder.label} pin ${plural(g.buffers, `pooled ${size} buffer`)}`;
    if (g.sharedBuffers > 0 && g.sharedWith) title += `, ${formatCount(g.sharedBuffers)} shared with ${g.sharedWith}`;
    evidence.push(`${g.holder.label} keeps ${views} that are views into ${plural(g.buffers, 'ArrayBuffer')} of ${size} (${formatBytes(g.backingBytes)} of backing store).`);
    if (g.multiViewBuffers > 0) {
      evidence.push(`${plural(g.multiViewBuffers, 'buffer')} each sit under several of its entries: a pool buffer was reused while earlier entries still viewed it, so those entries alias each other's bytes (a correctness bug as well as a leak).`);
    }
    if (g.sharedBuffers > 0 && g.sharedWith) {
      evidence.push(`${plural(g.sharedBuffers, 'buffer')} are also held by ${g.sharedWith}: the pool will hand them out again while ${g.holder.label} still reads them.`);
    }
    fix = `Store a copy in ${g.holder.label} instead of \`subarray()\`/\`slice()\` of a pooled buffer (\`Buffer.copyBytesFrom(view)\`; for many small long-lived entries an unpooled copy, \`const own = Buffer.allocUnsafeSlow(view.length); view.copy(own)\`, since small copies land in Node's shared pool); then the pool can reuse or drop its buffers safely.`;
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
    details: { kind: 'buffer', backingStoreSize: g.backingStoreSize, views: g.count, buffers: g.buffers, liveBytesUsed: null },
  };
}
