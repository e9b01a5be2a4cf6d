/**
 * What the page saves with setState and restores with getState when it is shown again (the
 * panel does not keep its context while hidden). Keyed by content kind so a restored state is
 * only applied to the same kind of view.
 */
export interface TableState {
  sortBy: string;
  descending: boolean;
  filter: string;
  scrollTop: number;
  focused: number;
}

export interface PageState {
  version: 1;
  /** Content kind and title the state belongs to. */
  key: string;
  table: TableState | null;
  /** Selected finding (index into the ranked list). */
  selectedFinding: number | null;
  /** Content version last shown: a host-chosen selection applies once, not again on restore. */
  seenVersion: number;
}

export function emptyState(key: string): PageState {
  return { version: 1, key, table: null, selectedFinding: null, seenVersion: 0 };
}
