import { ClassRow, NodeRow, RetainerRow } from '../src/protocol/engineApi';
import { Remote } from '../src/protocol/rpc';
import { formatBytes, formatCount } from '../src/protocol/format';
import { ClassSortKey } from '../src/protocol/tableQuery';
import { WebviewApi } from '../src/protocol/webviewApi';
import { ChildRow, childDistance, childLabel, childRetained, childSelf } from './childRow';
import { TableState } from './pageState';
import { TreeTableSource, VirtualTable } from './virtualTable';

const SORT_KEYS: readonly ClassSortKey[] = ['name', 'count', 'selfSize', 'retainedSize'];

/** Summary by constructor: class → instances → retainers → their retainers… */
export function summaryTable(host: Remote<WebviewApi>, initial: TableState | null, onState: (s: TableState) => void): VirtualTable<ClassRow, ChildRow> {
  const source: TreeTableSource<ClassRow, ChildRow> = {
    noun: 'constructors',
    columns: [
      { sortKey: 'name', title: 'Constructor', numeric: false, width: 'minmax(14em, 1fr)', top: (r) => r.name, child: childLabel },
      { sortKey: null, title: 'Distance', numeric: true, width: '6em', top: () => '', child: childDistance },
      { sortKey: 'count', title: 'Count', numeric: true, width: '7em', top: (r) => formatCount(r.count), child: () => '' },
      { sortKey: 'selfSize', title: 'Self size', numeric: true, width: '8em', top: (r) => formatBytes(r.selfSize), child: childSelf },
      { sortKey: 'retainedSize', title: 'Retained size', numeric: true, width: '9em', top: (r) => formatBytes(r.retainedSize), child: childRetained },
    ],
    fetchTop: (q) => host.classPage({ ...q, sortBy: asSortKey(q.sortBy) }),
    fetchChildrenOfTop: (row, offset, limit) => instances(host, row.name, offset, limit),
    fetchChildrenOfChild: (row, offset, limit) => retainersOf(host, row, offset, limit),
    childExpandable: () => true,
  };
  return new VirtualTable(source, initial ?? { sortBy: 'retainedSize', descending: true, filter: '', scrollTop: 0, focused: 0 }, onState);
}

function asSortKey(key: string): ClassSortKey {
  return SORT_KEYS.find((k) => k === key) ?? 'retainedSize';
}

export async function instances(host: Remote<WebviewApi>, className: string, offset: number, limit: number) {
  const page = await host.instancePage({ className, offset, limit });
  return { total: page.total, offset: page.offset, rows: page.rows.map((node: NodeRow): ChildRow => ({ kind: 'instance', node })) };
}

export async function retainersOf(host: Remote<WebviewApi>, row: ChildRow, offset: number, limit: number) {
  const nodeId = row.kind === 'instance' ? row.node.id : row.retainer.from.id;
  const page = await host.retainers({ nodeId, offset, limit });
  return { total: page.total, offset: page.offset, rows: page.rows.map((retainer: RetainerRow): ChildRow => ({ kind: 'retainer', retainer })) };
}
