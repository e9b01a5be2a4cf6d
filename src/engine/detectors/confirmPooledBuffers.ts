import { Finding } from '../../protocol/finding';
import { formatCount } from '../../protocol/format';
import { BUFFER_VIEW_SAMPLE, LiveBufferView, LiveBufferViewEntry, bufferViewSample } from '../../protocol/liveBufferViews';

/** Looks views up by snapshot node id in the live process; null for a view collected since. */
export type LiveBufferLookup = (nodeIds: readonly number[]) => Promise<ReadonlyMap<number, LiveBufferView | null>>;

/**
 * Confirms pooled-buffer-slice findings against the live process: a snapshot cannot tell a view's
 * byteOffset/byteLength, the process can. For each finding, looks up (a bounded sample of) its
 * views and reports the waste in plain numbers: "on average 206 of 65,536 bytes used per buffer".
 * Findings of other kinds pass through unchanged; a lookup that finds no view alive leaves the
 * finding as it was, with a line saying so.
 */
export async function confirmPooledBuffers(findings: readonly Finding[], lookup: LiveBufferLookup, sampleSize = BUFFER_VIEW_SAMPLE): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.kind !== 'pooled-buffer-slice' || f.details?.kind !== 'buffer') {
      out.push(f);
      continue;
    }
    const sample = bufferViewSample(f.nodeIds, sampleSize);
    const live = await lookup(sample);
    const views = sample.map((id) => live.get(id)).filter((v): v is LiveBufferView => v !== null && v !== undefined);
    if (views.length === 0) {
      out.push({ ...f, evidence: [...f.evidence, 'None of these views is alive in the process any more, so the waste could not be confirmed live.'] });
      continue;
    }
    const details = f.details;
    const used = views.reduce((s, v) => s + v.byteLength, 0);
    // Scale a sample up to the whole group; its buffers need not be of one size, so the
    // sample's mean size stands for theirs.
    const usedAll = Math.round((used * details.views) / views.length);
    const size = Math.round(views.reduce((s, v) => s + v.bufferByteLength, 0) / views.length);
    const perBuffer = Math.round(usedAll / Math.max(1, details.buffers));
    const held = details.buffers * size;
    const share = held > 0 ? ((100 * usedAll) / held).toFixed(usedAll * 1000 < held ? 2 : 1) : '0';
    const waste = `${formatCount(perBuffer)} of ${formatCount(size)} bytes used`;
    out.push({
      ...f,
      title: `${f.title}: on average ${waste} per buffer`,
      evidence: [
        ...f.evidence,
        `Confirmed in the live process (looked up ${formatCount(sample.length)} of ${formatCount(details.views)} views, ${formatCount(views.length)} still alive): the views use ${formatCount(usedAll)} of the ${formatCount(held)} bytes their ${formatCount(details.buffers)} buffers hold (${share}%), on average ${waste} per buffer; a typical view is ${formatCount(median(views.map((v) => v.byteLength)))} bytes at offset ${formatCount(median(views.map((v) => v.byteOffset)))}.`,
      ],
      details: { ...details, liveBytesUsed: usedAll },
    });
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/**
 * The engine's side of EngineApi.confirmPooledBuffers: the host looked up the views
 * bufferViewsToConfirm() named and sends what it read; a view it did not send counts as gone.
 */
export function confirmWithViews(findings: readonly Finding[], views: readonly LiveBufferViewEntry[]): Promise<Finding[]> {
  const byId = new Map(views.map((v) => [v.nodeId, v.view]));
  return confirmPooledBuffers(findings, async (ids) => new Map(ids.map((id) => [id, byId.get(id) ?? null])));
}
