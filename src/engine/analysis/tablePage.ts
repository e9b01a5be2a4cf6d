import { Page } from '../../protocol/engineApi';
import { TableQuery } from '../../protocol/tableQuery';

/** A table row: a name, and a number under every other sort key. */
export type TableRow<K extends string> = { name: string } & { [P in Exclude<K, 'name'>]: number };

/**
 * The one pager behind every table the webview shows: filtered, sorted, sliced.
 * - Filter: the query's filter, trimmed, as a case-insensitive substring of the name; empty for all.
 * - Sort: by `sortBy`, either way; ties fall back to `tieBreak` largest first (the table's own
 *   column: retained size for classes, size delta for a comparison), then to the name
 *   (ascending, by code unit), then to the rows' given order (the sort is stable), so pages never
 *   reshuffle between calls.
 * - Slice: the offset is clamped to [0, total]; a negative limit gives no rows.
 */
export function tablePage<K extends string, R extends TableRow<K>>(rows: readonly R[], query: TableQuery<K>, tieBreak: Exclude<K, 'name'>): Page<R> {
  const needle = (query.filter ?? '').trim().toLowerCase();
  const kept = needle ? rows.filter((r) => r.name.toLowerCase().includes(needle)) : rows.slice();
  const sign = query.descending ? -1 : 1;
  const key = query.sortBy;
  const value = (r: R, k: Exclude<K, 'name'>): number => (r as TableRow<K>)[k] as number;
  kept.sort((a, b) => {
    const primary = key === 'name' ? compareText(a.name, b.name) : value(a, key as Exclude<K, 'name'>) - value(b, key as Exclude<K, 'name'>);
    return sign * primary || value(b, tieBreak) - value(a, tieBreak) || compareText(a.name, b.name);
  });
  const offset = Math.max(0, Math.min(query.offset, kept.length));
  return { total: kept.length, offset, rows: kept.slice(offset, offset + Math.max(0, query.limit)) };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
