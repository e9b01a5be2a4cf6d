import { el } from './element';
import { FlatRow } from './rowTree';
import type { Column } from './virtualTable';

/**
 * One pooled row of the virtual table: created once, then refilled as the table scrolls. Cells
 * are written with textContent only (snapshot strings are untrusted).
 */
export function makeRowElement<T, C>(columns: readonly Column<T, C>[]): HTMLElement {
  const row = el('div', { className: 'vtable-row', attrs: { role: 'row' } });
  for (let c = 0; c < columns.length; c++) {
    const cell = el('div', { className: `vtable-cell${columns[c].numeric ? ' num' : ''}`, attrs: { role: 'gridcell' } });
    if (c === 0) cell.append(el('span', { className: 'twisty' }), el('span', { className: 'label' }));
    row.appendChild(cell);
  }
  return row;
}

export function fillRowElement<T, C>(rowEl: HTMLElement, row: FlatRow<T, C>, visible: number, focused: number, columns: readonly Column<T, C>[]): void {
  const cells = rowEl.children;
  const first = cells[0] as HTMLElement;
  const twisty = first.children[0] as HTMLElement;
  const label = first.children[1] as HTMLElement;
  rowEl.id = `row-${visible}`;
  rowEl.dataset.index = String(visible);
  rowEl.setAttribute('aria-selected', String(visible === focused));
  const depth = row.kind === 'top' ? 0 : row.depth;
  rowEl.setAttribute('aria-level', String(depth + 1));
  first.style.paddingLeft = `${depth * 16 + 4}px`;
  rowEl.className = `vtable-row ${row.kind}${visible === focused ? ' focused' : ''}`;
  const expandable = row.kind === 'top' || (row.kind === 'child' && row.node.expandable);
  const expanded = row.kind === 'top' ? row.expanded : row.kind === 'child' && row.node.children !== null;
  if (expandable) rowEl.setAttribute('aria-expanded', String(expanded));
  else rowEl.removeAttribute('aria-expanded');
  twisty.textContent = expandable ? (expanded ? '▾' : '▸') : '';
  for (let c = 0; c < columns.length; c++) {
    const target = c === 0 ? label : (cells[c] as HTMLElement);
    target.textContent = cellText(row, columns[c], c === 0);
  }
  label.title = label.textContent ?? '';
}

function cellText<T, C>(row: FlatRow<T, C>, column: Column<T, C>, first: boolean): string {
  switch (row.kind) {
    case 'top':
      return row.data === undefined ? (first ? '…' : '') : column.top(row.data);
    case 'child':
      return column.child(row.node.data);
    case 'more':
      return first ? `Show more (${(row.list.total ?? 0) - row.list.rows.length} more)` : '';
    case 'status':
      return first ? (row.list.error ? `Error: ${row.list.error}` : row.list.loading ? 'Loading…' : 'None') : '';
    default: {
      const never: never = row;
      return never;
    }
  }
}
