import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildList, FlatRow, RowTree } from '../../webview/rowTree';

type Row = FlatRow<string, string>;

function describe(r: Row): string {
  switch (r.kind) {
    case 'top':
      return `top ${r.index}${r.expanded ? ' -' : ''}`;
    case 'child':
      return `${'  '.repeat(r.depth)}${r.node.data}`;
    case 'more':
      return `${'  '.repeat(r.depth)}more`;
    case 'status':
      return `${'  '.repeat(r.depth)}${r.list.error ?? (r.list.loading ? 'loading' : 'empty')}`;
    default: {
      const never: never = r;
      return never;
    }
  }
}

function fill(list: ChildList<string>, rows: string[], total: number): void {
  list.rows = rows.map((data) => ({ data, expandable: true, children: null }));
  list.total = total;
  list.loading = false;
}

test('collapsed, the rows are the server rows', () => {
  const tree = new RowTree<string, string>((i) => `class ${i}`, 100_000);
  assert.equal(tree.total, 100_000);
  assert.deepEqual(tree.row(99_999), { kind: 'top', index: 99_999, data: 'class 99999', expanded: false });
});

test('expanding inserts children (loading, then rows and "more") and shifts the rows below', () => {
  const tree = new RowTree<string, string>((i) => `class ${i}`, 100_000);
  const list = tree.expandTop(5);
  assert.deepEqual([4, 5, 6, 7].map((v) => describe(tree.row(v))), ['top 4', 'top 5 -', '  loading', 'top 6']);
  fill(list, ['a', 'b'], 10);
  tree.refresh(5);
  assert.deepEqual([5, 6, 7, 8, 9].map((v) => describe(tree.row(v))), ['top 5 -', '  a', '  b', '  more', 'top 6']);
  assert.equal(tree.total, 100_003);
  assert.equal(describe(tree.row(100_002)), 'top 99999');
});

test('nested expansion (instance → retainers) and two expanded classes map consistently', () => {
  const tree = new RowTree<string, string>((i) => `class ${i}`, 1000);
  const a = tree.expandTop(2);
  fill(a, ['i1', 'i2'], 2);
  const retainers: ChildList<string> = { rows: [], total: null, loading: false, error: null };
  fill(retainers, ['r1', 'r2', 'r3'], 3);
  a.rows[0].children = retainers;
  tree.refresh(2);
  const b = tree.expandTop(0);
  fill(b, ['x'], 1);
  tree.refresh(0);
  const shown = Array.from({ length: 12 }, (_v, i) => describe(tree.row(i)));
  assert.deepEqual(shown, [
    'top 0 -', '  x', 'top 1', 'top 2 -', '  i1', '    r1', '    r2', '    r3', '  i2', 'top 3', 'top 4', 'top 5',
  ]);
  assert.equal(tree.visibleIndexOfTop(2), 3);
  assert.equal(tree.visibleIndexOfTop(3), 9);
  assert.equal(tree.parentOf(6), 4, 'a retainer hangs under its instance');
  assert.equal(tree.parentOf(8), 3, 'an instance hangs under its class');
  assert.equal(tree.parentOf(9), null);
  tree.collapseTop(2);
  assert.equal(describe(tree.row(3)), 'top 2');
  assert.equal(tree.total, 1001);
});

test('an error shows in place of the children', () => {
  const tree = new RowTree<string, string>((i) => `c${i}`, 3);
  const list = tree.expandTop(0);
  list.loading = false;
  list.error = 'engine worker exited';
  tree.refresh(0);
  assert.equal(describe(tree.row(1)), '  engine worker exited');
});
