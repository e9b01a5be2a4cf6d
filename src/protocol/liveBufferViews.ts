import { Finding } from './finding';

/**
 * What the live process says about one Buffer view, which a snapshot cannot tell. The host reads
 * it over the inspector (src/inspector/bufferViews.ts) and hands it to the engine, which adds the
 * waste to pooled-buffer findings (EngineApi.confirmPooledBuffers): the host never analyses.
 */
export interface LiveBufferView {
  byteOffset: number;
  byteLength: number;
  bufferByteLength: number;
}

/** One lookup: `view` is null for a view collected since the snapshot. A list, not a Map: it crosses JSON IPC. */
export interface LiveBufferViewEntry {
  nodeId: number;
  view: LiveBufferView | null;
}

/** Views looked up per finding: each lookup makes the target walk its heap, so a sample. */
export const BUFFER_VIEW_SAMPLE = 64;

/** Up to `n` of a finding's view ids, spread evenly over the list (views of every round, not just the first). */
export function bufferViewSample(nodeIds: readonly number[], n = BUFFER_VIEW_SAMPLE): number[] {
  if (nodeIds.length <= n) return [...nodeIds];
  return Array.from({ length: n }, (_, i) => nodeIds[Math.floor((i * nodeIds.length) / n)]);
}

/** The views the engine needs to confirm these findings: the sample of each pooled-buffer finding, once each. */
export function bufferViewsToConfirm(findings: readonly Finding[]): number[] {
  const ids = new Set<number>();
  for (const f of findings) {
    if (f.kind === 'pooled-buffer-slice' && f.details?.kind === 'buffer') for (const id of bufferViewSample(f.nodeIds)) ids.add(id);
  }
  return [...ids];
}
