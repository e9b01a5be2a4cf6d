import { ClassPageQuery, ClassRow, Page } from '../../protocol/engineApi';
import { ClassAggregates } from './classAggregates';
import { ClassIndex } from './classIndex';

/** All Summary rows (classes with at least one counted member), unsorted. */
export function classRows(classes: ClassIndex, aggregates: ClassAggregates): ClassRow[] {
  const rows: ClassRow[] = [];
  for (let c = 0; c < classes.names.length; c++) {
    if (aggregates.count[c] === 0) continue;
    rows.push({ name: classes.names[c], count: aggregates.count[c], selfSize: aggregates.selfSize[c], retainedSize: aggregates.retainedSize[c] });
  }
  return rows;
}

/** One page of the class table: filtered (case-insensitive substring), sorted, sliced. */
export function classPage(rows: readonly ClassRow[], query: Omit<ClassPageQuery, 'handle'>): Page<ClassRow> {
  const needle = query.filter?.toLowerCase() ?? '';
  const kept = needle ? rows.filter((r) => r.name.toLowerCase().includes(needle)) : [...rows];
  const sign = query.descending ? -1 : 1;
  const key = query.sortBy;
  kept.sort((a, b) => {
    const primary = key === 'name' ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a[key] - b[key];
    // Ties fall back to retained size (largest first), then name, so pages never reshuffle.
    return sign * primary || b.retainedSize - a.retainedSize || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
  const offset = Math.max(0, Math.min(query.offset, kept.length));
  return { total: kept.length, offset, rows: kept.slice(offset, offset + Math.max(0, query.limit)) };
}
