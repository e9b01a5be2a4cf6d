import { ClassDelta } from '../src/protocol/engineApi';
import { Remote } from '../src/protocol/rpc';
import { formatBytes, formatCount, formatCountDelta, formatDelta } from '../src/protocol/format';
import { DeltaSortKey } from '../src/protocol/tableQuery';
import { WebviewApi } from '../src/protocol/webviewApi';
import { ChildRow, childLabel, childRetained, childSelf } from './childRow';
import { TableState } from './pageState';
import { instances, retainersOf } from './summaryTable';
import { TreeTableSource, VirtualTable } from './virtualTable';

const SORT_KEYS: readonly DeltaSortKey[] = ['name', 'newCount', 'deletedCount', 'countDelta', 'newSize', 'deletedSize', 'sizeDelta'];

/** Comparison A → B per constructor; expanding lists the class's instances in B. */
export function comparisonTable(host: Remote<WebviewApi>, initial: TableState | null, onState: (s: TableState) => void): VirtualTable<ClassDelta, ChildRow> {
  const source: TreeTableSource<ClassDelta, ChildRow> = {
    noun: 'constructors',
    columns: [
      { sortKey: 'name', title: 'Constructor', numeric: false, width: 'minmax(14em, 1fr)', top: (r) => r.name, child: childLabel },
      { sortKey: 'newCount', title: '# New', numeric: true, width: '6em', top: (r) => formatCount(r.newCount), child: () => '' },
      { sortKey: 'deletedCount', title: '# Deleted', numeric: true, width: '6em', top: (r) => formatCount(r.deletedCount), child: () => '' },
      { sortKey: 'countDelta', title: '# Delta', numeric: true, width: '6em', top: (r) => formatCountDelta(r.countDelta), child: () => '' },
      { sortKey: 'newSize', title: 'Alloc. size', numeric: true, width: '9em', top: (r) => formatBytes(r.newSize), child: (c) => `self ${childSelf(c)}` },
      { sortKey: 'deletedSize', title: 'Freed size', numeric: true, width: '8em', top: (r) => formatBytes(r.deletedSize), child: () => '' },
      { sortKey: 'sizeDelta', title: 'Size delta', numeric: true, width: '10em', top: (r) => formatDelta(r.sizeDelta), child: (c) => `retained ${childRetained(c)}` },
    ],
    fetchTop: (q) => host.comparisonPage({ ...q, sortBy: SORT_KEYS.find((k) => k === q.sortBy) ?? 'sizeDelta' }),
    fetchChildrenOfTop: (row, offset, limit) => instances(host, row.name, offset, limit),
    fetchChildrenOfChild: (row, offset, limit) => retainersOf(host, row, offset, limit),
    childExpandable: () => true,
  };
  return new VirtualTable(source, initial ?? { sortBy: 'sizeDelta', descending: true, filter: '', scrollTop: 0, focused: 0 }, onState);
}
