import { TableQuery } from '../src/protocol/tableQuery';
import { formatCount } from '../src/protocol/format';
import { el, clear } from './element';
import { PageCache, PageSlice } from './pageCache';
import { TableState } from './pageState';
import { ChildList, ChildNode, RowTree, emptyChildList } from './rowTree';
import { keyAction } from './tableKeys';
import { fillRowElement, makeRowElement } from './tableRow';
import { rowWindow, scrollToReveal } from './virtualWindow';

/**
 * A sortable, filterable, virtualised tree table (WAI-ARIA treegrid). The rows come from the
 * host a page at a time; only the rows in view (plus a margin) exist in the DOM and are reused
 * while scrolling, so 100,000 rows scroll like 40. Every cell is set with textContent.
 */
export interface Column<T, C> {
  /** Sort key sent to the host; null when the column does not sort. */
  sortKey: string | null;
  title: string;
  numeric: boolean;
  /** CSS grid track, e.g. "minmax(12em, 1fr)" or "9em". */
  width: string;
  top(row: T): string;
  child(row: C): string;
}

export interface TreeTableSource<T, C> {
  columns: Column<T, C>[];
  /** What the rows are, for the count ("constructors"). */
  noun: string;
  fetchTop(query: TableQuery): Promise<PageSlice<T>>;
  /** Children of a top row (e.g. a class's instances). */
  fetchChildrenOfTop(row: T, offset: number, limit: number): Promise<PageSlice<C>>;
  /** Children of a child row (e.g. an object's retainers), or null when it has none. */
  fetchChildrenOfChild(row: C, offset: number, limit: number): Promise<PageSlice<C>> | null;
  childExpandable(row: C): boolean;
}

const ROW_HEIGHT = 22;
const CHILD_PAGE = 50;

export class VirtualTable<T, C> {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsLayer: HTMLElement;
  private readonly header: HTMLElement;
  private readonly countLabel: HTMLElement;
  private readonly filterInput: HTMLInputElement;
  private readonly cache: PageCache<T>;
  private readonly tree: RowTree<T, C>;
  private state: TableState;
  private pool: HTMLElement[] = [];
  private frame = 0;
  private viewportHeight = 400;
  private filterTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly source: TreeTableSource<T, C>,
    initial: TableState,
    private readonly onStateChange: (state: TableState) => void,
  ) {
    this.state = { ...initial };
    this.cache = new PageCache<T>((offset, limit) => this.fetchTop(offset, limit), () => this.scheduleRender());
    this.tree = new RowTree<T, C>((i) => this.cache.get(i));
    const template = source.columns.map((c) => c.width).join(' ');

    this.filterInput = el('input', {
      className: 'filter',
      attrs: { type: 'search', placeholder: `Filter ${source.noun} by name`, 'aria-label': `Filter ${source.noun}`, spellcheck: 'false' },
    });
    this.filterInput.value = this.state.filter;
    this.filterInput.addEventListener('input', () => {
      clearTimeout(this.filterTimer);
      this.filterTimer = setTimeout(() => this.setQuery({ filter: this.filterInput.value }), 150);
    });
    this.countLabel = el('span', { className: 'count', attrs: { 'aria-live': 'polite' } });
    this.header = el('div', { className: 'vtable-header', attrs: { role: 'row' } });
    this.header.style.gridTemplateColumns = template;
    this.rowsLayer = el('div', { className: 'vtable-rows', attrs: { role: 'rowgroup' } });
    this.spacer = el('div', { className: 'vtable-spacer' }, [this.rowsLayer]);
    this.viewport = el('div', {
      className: 'vtable-viewport',
      attrs: { tabindex: '0', role: 'treegrid', 'aria-label': source.noun, 'aria-multiselectable': 'false' },
    }, [this.spacer]);
    this.viewport.style.setProperty('--columns', template);
    this.viewport.addEventListener('scroll', () => {
      this.state.scrollTop = this.viewport.scrollTop;
      this.scheduleRender();
      this.saveSoon();
    });
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.viewport.addEventListener('click', (e) => this.onClick(e));
    this.viewport.addEventListener('dblclick', (e) => {
      const v = this.rowIndexOf(e.target);
      if (v !== null) this.toggle(v);
    });
    // The height is cached from the observer so a render never forces a synchronous layout to read it.
    new ResizeObserver((entries) => {
      this.viewportHeight = entries[entries.length - 1]?.contentRect.height || this.viewportHeight;
      this.scheduleRender();
    }).observe(this.viewport);

    this.element = el('div', { className: 'vtable' }, [
      el('div', { className: 'vtable-toolbar' }, [this.filterInput, this.countLabel]),
      this.header,
      this.viewport,
    ]);
    this.renderHeader();
    this.cache.get(0);
  }

  /** Restores the scroll position once the first page has given the table its height. */
  private restoredScroll = false;

  private fetchTop(offset: number, limit: number): Promise<PageSlice<T>> {
    const { sortBy, descending, filter } = this.state;
    return this.source.fetchTop({ offset, limit, sortBy, descending, filter });
  }

  private setQuery(change: Partial<Pick<TableState, 'sortBy' | 'descending' | 'filter'>>): void {
    this.state = { ...this.state, ...change, scrollTop: 0, focused: 0 };
    this.cache.reset();
    this.tree.collapseAll();
    this.viewport.scrollTop = 0;
    this.renderHeader();
    this.onStateChange({ ...this.state });
    this.cache.get(0);
    this.scheduleRender();
  }

  private renderHeader(): void {
    clear(this.header);
    for (const column of this.source.columns) {
      const sorted = column.sortKey !== null && column.sortKey === this.state.sortBy;
      const cell = el('div', {
        className: `vtable-cell head${column.numeric ? ' num' : ''}`,
        attrs: { role: 'columnheader', 'aria-sort': sorted ? (this.state.descending ? 'descending' : 'ascending') : 'none' },
      });
      if (column.sortKey !== null) {
        const key = column.sortKey;
        const button = el('button', { className: 'sort', text: `${column.title}${sorted ? (this.state.descending ? ' ▼' : ' ▲') : ''}` });
        button.addEventListener('click', () => {
          // A new column sorts descending first: the biggest numbers are what users look for.
          this.setQuery({ sortBy: key, descending: sorted ? !this.state.descending : key !== 'name' });
        });
        cell.appendChild(button);
      } else {
        cell.textContent = column.title;
      }
      this.header.appendChild(cell);
    }
  }

  private scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const started = performance.now();
    this.tree.topTotal = this.cache.total ?? 0;
    const total = this.tree.total;
    const error = this.cache.error;
    this.countLabel.textContent = error
      ? `Error: ${error}`
      : this.cache.total === null
        ? 'Loading…'
        : `${formatCount(this.cache.total)} ${this.source.noun}`;
    this.viewport.setAttribute('aria-rowcount', String(total));
    if (!this.restoredScroll && this.cache.total !== null) {
      this.restoredScroll = true;
      this.spacer.style.height = `${rowWindow({ total, rowHeight: ROW_HEIGHT, viewportHeight: 0, scrollTop: 0, overscan: 0 }).spacerHeight}px`;
      if (this.state.scrollTop > 0) this.viewport.scrollTop = this.state.scrollTop;
    }
    const w = rowWindow({
      total,
      rowHeight: ROW_HEIGHT,
      viewportHeight: this.viewportHeight,
      scrollTop: this.viewport.scrollTop,
      overscan: 8,
    });
    this.spacer.style.height = `${w.spacerHeight}px`;
    this.rowsLayer.style.transform = `translateY(${w.offsetY}px)`;
    const count = w.end - w.first;
    while (this.pool.length < count) this.pool.push(makeRowElement(this.source.columns));
    for (let i = 0; i < this.pool.length; i++) {
      const rowEl = this.pool[i];
      if (i >= count) {
        rowEl.hidden = true;
        continue;
      }
      rowEl.hidden = false;
      fillRowElement(rowEl, this.tree.row(w.first + i), w.first + i, this.state.focused, this.source.columns);
      if (rowEl.parentNode !== this.rowsLayer) this.rowsLayer.appendChild(rowEl);
    }
    this.viewport.setAttribute('aria-activedescendant', `row-${this.state.focused}`);
    // Exposed for the e2e test that checks the table stays within a frame's budget at 100,000 rows.
    this.viewport.dataset.renderMs = (performance.now() - started).toFixed(2);
  }

  private rowIndexOf(target: EventTarget | null): number | null {
    const rowEl = target instanceof Element ? target.closest('.vtable-row') : null;
    const index = rowEl instanceof HTMLElement ? Number(rowEl.dataset.index) : NaN;
    return Number.isInteger(index) ? index : null;
  }

  private onClick(event: MouseEvent): void {
    const v = this.rowIndexOf(event.target);
    if (v === null) return;
    this.focus(v);
    const row = this.tree.row(v);
    if (row.kind === 'more' || (event.target instanceof Element && event.target.classList.contains('twisty'))) this.toggle(v);
  }

  private onKey(event: KeyboardEvent): void {
    const total = this.tree.total;
    if (total === 0) return;
    const f = this.state.focused;
    const row = this.tree.row(f);
    const expanded = row.kind === 'top' ? row.expanded : row.kind === 'child' && row.node.children !== null;
    const action = keyAction(event.key, f, total, Math.max(1, Math.floor(this.viewportHeight / ROW_HEIGHT) - 1), expanded);
    if (!action) return;
    event.preventDefault();
    switch (action.kind) {
      case 'focus':
        this.focus(action.index);
        return;
      case 'toggle':
        this.toggle(f);
        return;
      case 'parent': {
        const parent = this.tree.parentOf(f);
        if (parent !== null) this.focus(parent);
        return;
      }
      default: {
        const never: never = action;
        return never;
      }
    }
  }

  private focus(index: number): void {
    const total = this.tree.total;
    this.state.focused = Math.max(0, Math.min(total - 1, index));
    const scroll = scrollToReveal(this.state.focused, {
      total,
      rowHeight: ROW_HEIGHT,
      viewportHeight: this.viewportHeight,
      scrollTop: this.viewport.scrollTop,
    });
    if (scroll !== null) this.viewport.scrollTop = scroll;
    this.saveSoon();
    this.scheduleRender();
  }

  private toggle(visible: number): void {
    const row = this.tree.row(visible);
    switch (row.kind) {
      case 'top': {
        if (row.expanded) this.tree.collapseTop(row.index);
        else if (row.data !== undefined) {
          const data = row.data;
          const list = this.tree.expandTop(row.index);
          this.loadChildren(list, row.index, (offset) => this.source.fetchChildrenOfTop(data, offset, CHILD_PAGE));
        }
        break;
      }
      case 'child': {
        const node: ChildNode<C> = row.node;
        if (node.children) node.children = null;
        else if (node.expandable) {
          const list = emptyChildList<C>();
          node.children = list;
          this.loadChildren(list, row.topIndex, (offset) => this.source.fetchChildrenOfChild(node.data, offset, CHILD_PAGE));
        }
        this.tree.refresh(row.topIndex);
        break;
      }
      case 'more': {
        const list = row.list;
        const parent = this.tree.parentOf(visible);
        const parentRow = parent === null ? null : this.tree.row(parent);
        if (parentRow?.kind === 'top' && parentRow.data !== undefined) {
          const data = parentRow.data;
          this.loadChildren(list, row.topIndex, (offset) => this.source.fetchChildrenOfTop(data, offset, CHILD_PAGE));
        } else if (parentRow?.kind === 'child') {
          const data = parentRow.node.data;
          this.loadChildren(list, row.topIndex, (offset) => this.source.fetchChildrenOfChild(data, offset, CHILD_PAGE));
        }
        break;
      }
      case 'status':
        break;
      default: {
        const never: never = row;
        return never;
      }
    }
    this.scheduleRender();
  }

  private loadChildren(list: ChildList<C>, topIndex: number, fetch: (offset: number) => Promise<PageSlice<C>> | null): void {
    const request = fetch(list.rows.length);
    if (!request) return;
    list.loading = true;
    list.error = null;
    this.tree.refresh(topIndex);
    request.then(
      (page) => {
        for (const data of page.rows) list.rows.push({ data, expandable: this.source.childExpandable(data), children: null });
        list.total = page.total;
        list.loading = false;
        this.tree.refresh(topIndex);
        this.scheduleRender();
      },
      (error: unknown) => {
        list.loading = false;
        list.error = error instanceof Error ? error.message : String(error);
        this.tree.refresh(topIndex);
        this.scheduleRender();
      },
    );
  }

  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saveSoon(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.onStateChange({ ...this.state }), 200);
  }
}
