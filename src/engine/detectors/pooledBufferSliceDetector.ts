import { HeapGraph } from '../graph/heapGraph';
import { Detector, DetectorContext, DetectorInput } from './detector';
import { Finding } from '../../protocol/finding';
import { findingPath } from './findingPath';
import { formatBytes, formatCount, plural } from '../../protocol/format';
import { readerFor } from './graphViews';
import { PooledGroup, pooledGroups } from './pooledGroups';
import { bytesSeries, growsAtEveryStep, seriesOf } from './seriesOf';

/** Bytes pinned by one holder before a finding: single snapshot / growing series. */
const MIN_PINNED_SINGLE = 64 * 1024;
const MIN_PINNED_GROWING = 32 * 1024;
/**
 * Lone views: a holder of whole buffers looks the same, so one snapshot needs many views and
 * much memory before it says so; a series needs them to multiply.
 */
const MIN_LONE_VIEWS_SINGLE = 64;
const MIN_LONE_BYTES_SINGLE = 1024 * 1024;
const MIN_LONE_VIEWS_GROWING = 16;
const MAX_NODE_IDS = 1000;

/**
 * Pattern 1 (docs/leak-patterns.md): large buffers kept alive by small views.
 * - Node's own pool: an ArrayBuffer carrying the pool's untransferable marker (a hidden
 *   PropertyArray), not the current `allocPool`, whose few live views are held by one container.
 * - An app's pool of larger buffers: one ArrayBuffer with several views, either several in one
 *   container or in two containers (the pool and the cache); the container holding the slices
 *   is flagged together with its other views of larger buffers (pool buffers the pool has dropped).
 * - Lone views: a container keeps many Buffers, each the only view of its own large ArrayBuffer
 *   (a socket read chunk, a decoder's input, a `Buffer.concat` result, a whole file).
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
      // Over a series, only what multiplies: a library's fixed working buffers stay put.
      if (input.snapshots.length >= 3 ? !growing : !accept(g, false)) continue;
      if (growing && !accept(g, true)) continue;
      // Node's own module state (a header kept as one Buffer) is not the app's to fix.
      if (g.holder.kind === 'variable' && readerFor(last).isNodeInternalContext(g.holder.node)) continue;
      const { series, growth } = bytesSeries(entry);
      const { path, cutIndex } = await findingPath(last, g.views[0], g.holder.node, () => ctx.checkpoint());
      findings.push(toFinding(last, g, series, growth, growing, entry.steps.map((s) => s?.count ?? 0), path, cutIndex));
    }
    return findings;
  },
};

function accept(g: PooledGroup, growing: boolean): boolean {
  if (g.form === 'lone-view') {
    return growing ? g.count >= MIN_LONE_VIEWS_GROWING && g.bytes >= MIN_PINNED_GROWING : g.count >= MIN_LONE_VIEWS_SINGLE && g.bytes >= MIN_LONE_BYTES_SINGLE;
  }
  return g.bytes >= (growing ? MIN_PINNED_GROWING : MIN_PINNED_SINGLE) && (growing || g.buffers >= 2);
}

/** "64 KiB", or "about 35 KiB" / "4 KiB to 60 KiB (median 35 KiB)" when the sizes differ. */
function sizesText(sizes: readonly number[]): string {
  const sorted = [...sizes].sort((a, b) => a - b);
  const lo = sorted[0] ?? 0;
  const hi = sorted[sorted.length - 1] ?? 0;
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  if (lo === hi) return formatBytes(lo);
  if (hi <= lo * 1.5) return `about ${formatBytes(median)}`;
  return `${formatBytes(lo)} to ${formatBytes(hi)} (median ${formatBytes(median)})`;
}

function toFinding(
  graph: HeapGraph, g: PooledGroup, series: number[], growth: number | null, growing: boolean, counts: number[],
  path: Finding['path'], cutIndex: number | null,
): Finding {
  const views = plural(g.count, 'Buffer');
  const evidence: string[] = [];
  let title: string;
  let fix: string;
  const copy = `\`Buffer.from(view)\` or \`Buffer.copyBytesFrom(view)\``;
  if (g.form === 'node-slab') {
    const size = formatBytes(g.poolSize);
    const slabs = sizesText(g.sizes);
    title = `${views} in ${g.holder.label} pin ${plural(g.buffers, `retired ${slabs} pool slab`)}`;
    evidence.push(
      `${plural(g.buffers, 'ArrayBuffer')} of ${slabs} carry Node's Buffer-pool marker and are not the current pool slab (\`allocPool\`, ${size} in this heap): they are retired slabs, alive only through their views.`,
      `${g.holder.label} keeps ${plural(g.count - g.currentSlabViews, 'Buffer')} that are views into those slabs: ${((g.count - g.currentSlabViews) / g.buffers).toFixed(2)} per slab, so each view keeps about ${formatBytes(g.backingBytes / Math.max(1, g.count - g.currentSlabViews))} of slab alive${g.currentSlabViews > 0 ? `; and ${plural(g.currentSlabViews, 'view')} into the current slab, which will pin it too once the pool moves on` : ''}.`,
      `Node cuts Buffer.from(string) and Buffer.allocUnsafe() results under ${formatBytes(g.poolSize / 2)} (half of \`Buffer.poolSize\`, ${size} here) out of a shared slab; one surviving view keeps the whole slab.`,
    );
    fix = `Do not keep small pooled Buffers in ${g.holder.label}: keep the string, or store an unpooled copy (\`const own = Buffer.allocUnsafeSlow(b.length); b.copy(own)\`), and bound the container (a \`max\` on the cache).`;
  } else if (g.form === 'app-pool') {
    const size = sizesText(g.sizes);
    title = `${views} in ${g.holder.label} pin ${plural(g.buffers, `buffer`)} of ${size}`;
    if (g.sharedBuffers > 0 && g.sharedWith) title += `, ${formatCount(g.sharedBuffers)} also viewed from ${g.sharedWith}`;
    evidence.push(`${g.holder.label} keeps ${views} that are views into ${plural(g.buffers, 'ArrayBuffer')} of ${size} (${formatBytes(g.backingBytes)} of backing store).`);
    if (g.multiViewBuffers > 0) {
      evidence.push(`${plural(g.multiViewBuffers, 'ArrayBuffer')} each have several views in ${g.holder.label}: they are slices cut from one larger buffer, and any one of them keeps all of it.`);
    }
    if (g.sharedBuffers > 0 && g.sharedWith) {
      evidence.push(`${plural(g.sharedBuffers, 'ArrayBuffer')} are also viewed from ${g.sharedWith}: both see the same bytes, so if ${g.sharedWith} hands its buffers out again, what ${g.holder.label} holds will change under it.`);
    }
    fix = `Store a copy in ${g.holder.label} instead of a \`subarray()\`/\`slice()\` of a pool buffer (${copy}; for many small long-lived entries an unpooled copy, \`const own = Buffer.allocUnsafeSlow(view.length); view.copy(own)\`, since small copies land in Node's shared pool); then the pool can reuse or drop its buffers safely.`;
  } else {
    const size = sizesText(g.sizes);
    title = `${views} in ${g.holder.label}, each the only view of its own ArrayBuffer of ${size}`;
    evidence.push(
      `${g.holder.label} keeps ${views}; each is the only view left of its own ArrayBuffer of ${size} (${formatBytes(g.backingBytes)} of backing store in all).`,
      `A snapshot does not record how many bytes a view covers. If these are small pieces cut from larger buffers (a socket read chunk, a decoder's input, a \`Buffer.concat\` result, a whole file), most of that memory is waste: likely, not proven. Attached to the live process, Heapscope reads each view's length to confirm it.`,
    );
    fix = `Store a copy in ${g.holder.label} (${copy}), or the decoded value, instead of the view a library or \`subarray()\` handed out: the copy is as long as the data, and the large buffer it was cut from can be freed.`;
    // The path runs through a `ws` server: its 'message' Buffers are views into the socket read.
    if (path.some((s) => s.name === 'WebSocketServer' || s.name === 'WebSocket')) {
      fix += ' `ws` hands out a message that arrived within one socket read as a view into that read chunk (no copy); copy `data` before keeping it.';
    }
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
    details: { kind: 'buffer', backingStoreSize: Math.round(g.backingBytes / Math.max(1, g.buffers)), views: g.count, buffers: g.buffers, liveBytesUsed: null },
  };
}
