/**
 * One page of a sortable, filterable table, as the webview asks for it and the engine serves it
 * (the Summary's classes, the Comparison's deltas). The rule every table follows is the engine's
 * pager (src/engine/analysis/tablePage.ts): the filter is trimmed and matched as a
 * case-insensitive substring of the name; ties on the sort column fall back to the table's own
 * column largest first (retained size, size delta), then to the name.
 */
export interface TableQuery<K extends string = string> {
  offset: number;
  limit: number;
  sortBy: K;
  descending: boolean;
  /** Substring of the row's name; empty or absent for all. */
  filter?: string;
}

export type ClassSortKey = 'name' | 'count' | 'selfSize' | 'retainedSize';
export type DeltaSortKey = 'name' | 'newCount' | 'deletedCount' | 'countDelta' | 'newSize' | 'deletedSize' | 'sizeDelta';
