import { ClassDelta, Page } from '../protocol/engineApi';
import { DeltaSortKey, TableQuery } from '../protocol/webviewApi';

/**
 * Sorts, filters and slices the Comparison table. The engine's diff returns one row per
 * constructor (thousands at most, not millions), so the host keeps it and serves pages; the
 * webview still receives only the rows it shows. Ties fall back to the name so pages are stable.
 */
export function comparisonPage(classes: readonly ClassDelta[], query: TableQuery<DeltaSortKey>): Page<ClassDelta> {
  const needle = query.filter.trim().toLowerCase();
  const rows = needle ? classes.filter((c) => c.name.toLowerCase().includes(needle)) : classes.slice();
  const key = query.sortBy;
  const sign = query.descending ? -1 : 1;
  rows.sort((a, b) => {
    const primary = key === 'name' ? compareText(a.name, b.name) : a[key] - b[key];
    return primary !== 0 ? sign * primary : compareText(a.name, b.name);
  });
  const offset = Math.max(0, Math.min(query.offset, rows.length));
  return { total: rows.length, offset, rows: rows.slice(offset, offset + Math.max(0, query.limit)) };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
