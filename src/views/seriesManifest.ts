import { Finding } from '../protocol/finding';
import { SeriesPoint } from '../protocol/webviewApi';

/**
 * The small JSON file saved beside a series' snapshots (`<series id>.series.json`): which files
 * belong to it, and its last analysis, so both come back after a reload. File names in it are
 * only ever taken as plain names in the same folder (see `isSnapshotFileName`); nothing in it
 * becomes a path.
 */
export interface SeriesManifest {
  version: 1;
  series: string;
  pid: number | null;
  snapshots: { file: string; time: number }[];
  analysis: { series: SeriesPoint[]; findings: Finding[]; time: number } | null;
}

export const MANIFEST_SUFFIX = '.series.json';

/** Series ids are ours (`series-<ms>`); only such a name makes a manifest file name. */
export function isSeriesId(id: string): boolean {
  return /^series-\d{1,16}$/.test(id);
}

/** A snapshot file name as Heapscope writes them or a user would save one: no separators, no dots first. */
export function isSnapshotFileName(name: string): boolean {
  return /^[\w][\w.-]{0,200}\.heapsnapshot$/.test(name);
}

/** A manifest read from disk, checked field by field; null when it is not one of ours. */
export function parseManifest(text: string): SeriesManifest | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Partial<SeriesManifest>;
  if (m.version !== 1 || typeof m.series !== 'string' || !isSeriesId(m.series) || !Array.isArray(m.snapshots)) return null;
  const snapshots = m.snapshots.filter((s): s is { file: string; time: number } =>
    typeof s === 'object' && s !== null && typeof s.file === 'string' && isSnapshotFileName(s.file) && typeof s.time === 'number');
  const a = m.analysis;
  const analysis = a && typeof a === 'object' && Array.isArray(a.findings) && Array.isArray(a.series) && typeof a.time === 'number' ? a : null;
  return { version: 1, series: m.series, pid: typeof m.pid === 'number' ? m.pid : null, snapshots, analysis };
}
