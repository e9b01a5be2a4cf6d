/**
 * The rows a tree table shows, flattened: top-level rows come from a long server-side list (paged,
 * see PageCache), and expanded rows insert their children (instances, then retainers) below them.
 * Children are few (loaded a page at a time), so each expansion keeps its own flattened rows and
 * mapping a visible index to a row walks only the expansions, never the 100,000 top rows.
 * Pure: no DOM.
 *
 * Indexing: top rows by their index in the server's sorted list; visible rows by position in the
 * table (0 = first row under the header).
 */
export interface ChildList<C> {
  rows: ChildNode<C>[];
  /** Children the server has; null until the first page answers. */
  total: number | null;
  loading: boolean;
  error: string | null;
}

export interface ChildNode<C> {
  data: C;
  expandable: boolean;
  /** Non-null while expanded. */
  children: ChildList<C> | null;
}

export type FlatRow<T, C> =
  | { kind: 'top'; index: number; data: T | undefined; expanded: boolean }
  | { kind: 'child'; depth: number; topIndex: number; node: ChildNode<C> }
  /** "Show more" after a partly loaded list. */
  | { kind: 'more'; depth: number; topIndex: number; list: ChildList<C> }
  /** Loading, error or empty, for a list without rows to show. */
  | { kind: 'status'; depth: number; topIndex: number; list: ChildList<C> };

export function emptyChildList<C>(): ChildList<C> {
  return { rows: [], total: null, loading: true, error: null };
}

interface Expansion<T, C> {
  list: ChildList<C>;
  flat: FlatRow<T, C>[];
}

export class RowTree<T, C> {
  private readonly expansions = new Map<number, Expansion<T, C>>();
  private sortedTops: number[] = [];

  constructor(
    private readonly topAt: (index: number) => T | undefined,
    /** Top rows the server has (0 until known). */
    public topTotal = 0,
  ) {}

  get total(): number {
    let extra = 0;
    for (const e of this.expansions.values()) extra += e.flat.length;
    return this.topTotal + extra;
  }

  isExpanded(topIndex: number): boolean {
    return this.expansions.has(topIndex);
  }

  /** Expands a top row; returns its (new, loading) child list for the caller to fill. */
  expandTop(topIndex: number): ChildList<C> {
    const list = emptyChildList<C>();
    this.expansions.set(topIndex, { list, flat: [] });
    this.sortedTops = [...this.expansions.keys()].sort((a, b) => a - b);
    this.refresh(topIndex);
    return list;
  }

  collapseTop(topIndex: number): void {
    this.expansions.delete(topIndex);
    this.sortedTops = [...this.expansions.keys()].sort((a, b) => a - b);
  }

  /** Forget every expansion, e.g. when the sort or filter changed and indices mean other rows. */
  collapseAll(): void {
    this.expansions.clear();
    this.sortedTops = [];
  }

  /** Re-flattens one expansion after its children (or their children) changed. */
  refresh(topIndex: number): void {
    const e = this.expansions.get(topIndex);
    if (e) e.flat = flatten<T, C>(e.list, topIndex);
  }

  /** The row at a visible index. */
  row(visible: number): FlatRow<T, C> {
    let shift = 0;
    for (const top of this.sortedTops) {
      const position = top + shift;
      if (visible < position) break;
      const e = this.expansions.get(top)!;
      if (visible === position) return { kind: 'top', index: top, data: this.topAt(top), expanded: true };
      if (visible <= position + e.flat.length) return e.flat[visible - position - 1];
      shift += e.flat.length;
    }
    const index = visible - shift;
    return { kind: 'top', index, data: this.topAt(index), expanded: false };
  }

  /** Visible index of a top row. */
  visibleIndexOfTop(topIndex: number): number {
    let shift = 0;
    for (const top of this.sortedTops) {
      if (top >= topIndex) break;
      shift += this.expansions.get(top)!.flat.length;
    }
    return topIndex + shift;
  }

  /** Visible index of the row a visible row hangs under, or null for a top row. */
  parentOf(visible: number): number | null {
    const row = this.row(visible);
    if (row.kind === 'top') return null;
    const depth = row.depth;
    for (let v = visible - 1; v >= 0; v--) {
      const r = this.row(v);
      if (r.kind === 'top') return v;
      if (r.kind === 'child' && r.depth === depth - 1) return v;
    }
    return null;
  }
}

/** Depth-first, iterative (explicit stack), children before the list's trailing status/more row. */
function flatten<T, C>(list: ChildList<C>, topIndex: number): FlatRow<T, C>[] {
  const out: FlatRow<T, C>[] = [];
  const stack: { list: ChildList<C>; depth: number; next: number }[] = [{ list, depth: 1, next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.list.rows.length) {
      const node = frame.list.rows[frame.next++];
      out.push({ kind: 'child', depth: frame.depth, topIndex, node });
      if (node.children) stack.push({ list: node.children, depth: frame.depth + 1, next: 0 });
      continue;
    }
    stack.pop();
    const l = frame.list;
    if (l.rows.length === 0 || l.loading || l.error) out.push({ kind: 'status', depth: frame.depth, topIndex, list: l });
    else if (l.total !== null && l.rows.length < l.total) out.push({ kind: 'more', depth: frame.depth, topIndex, list: l });
  }
  return out;
}
