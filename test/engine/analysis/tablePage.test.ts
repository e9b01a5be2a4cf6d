import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tablePage } from '../../../src/engine/analysis/tablePage';
import { ClassDelta, ClassRow } from '../../../src/protocol/engineApi';
import { ClassSortKey, DeltaSortKey, TableQuery } from '../../../src/protocol/tableQuery';

// Two rows named Foo (one name from two source locations); ties on count and on retained size.
const classes: ClassRow[] = [
  { name: 'Foo', count: 5, selfSize: 50, retainedSize: 500 },
  { name: 'bar', count: 5, selfSize: 40, retainedSize: 900 },
  { name: 'Foo', count: 2, selfSize: 20, retainedSize: 900 },
  { name: 'Baz', count: 7, selfSize: 70, retainedSize: 100 },
  { name: 'FooBar', count: 5, selfSize: 10, retainedSize: 500 },
];

const deltas: ClassDelta[] = [
  { name: 'Buffer', newCount: 10, deletedCount: 1, countDelta: 9, newSize: 900, deletedSize: 90, sizeDelta: 810 },
  { name: 'Array', newCount: 5, deletedCount: 5, countDelta: 0, newSize: 500, deletedSize: 500, sizeDelta: 0 },
  { name: 'BufferList', newCount: 1, deletedCount: 0, countDelta: 1, newSize: 4000, deletedSize: 0, sizeDelta: 4000 },
  { name: 'Map', newCount: 3, deletedCount: 3, countDelta: 0, newSize: 300, deletedSize: 100, sizeDelta: 200 },
];

const all = { offset: 0, limit: 100, descending: true, filter: '' };
/** A row as "name/retainedSize" (classes) or the name (deltas), so the expected orders read at a glance. */
const classKey = (r: ClassRow) => `${r.name}/${r.retainedSize}`;

test('class pages: one rule for filter, sort, tie-break and slice', () => {
  const cases: { name: string; query: TableQuery<ClassSortKey>; total: number; rows: string[]; offset?: number }[] = [
    { name: 'largest retained first; ties by name', query: { ...all, sortBy: 'retainedSize' }, total: 5, rows: ['Foo/900', 'bar/900', 'Foo/500', 'FooBar/500', 'Baz/100'] },
    { name: 'count ties fall back to retained size, largest first, then name', query: { ...all, sortBy: 'count' }, total: 5, rows: ['Baz/100', 'bar/900', 'Foo/500', 'FooBar/500', 'Foo/900'] },
    { name: 'ascending flips the key, not the tie-break', query: { ...all, sortBy: 'count', descending: false }, total: 5, rows: ['Foo/900', 'bar/900', 'Foo/500', 'FooBar/500', 'Baz/100'] },
    { name: 'by name: code-unit order, equal names by retained size', query: { ...all, sortBy: 'name', descending: false }, total: 5, rows: ['Baz/100', 'Foo/900', 'Foo/500', 'FooBar/500', 'bar/900'] },
    { name: 'filter: case-insensitive substring', query: { ...all, sortBy: 'selfSize', filter: 'fOO' }, total: 3, rows: ['Foo/500', 'Foo/900', 'FooBar/500'] },
    { name: 'filter: trimmed', query: { ...all, sortBy: 'selfSize', filter: '  bar ' }, total: 2, rows: ['bar/900', 'FooBar/500'] },
    { name: 'filter: blank is all', query: { ...all, sortBy: 'selfSize', filter: '   ' }, total: 5, rows: ['Baz/100', 'Foo/500', 'bar/900', 'Foo/900', 'FooBar/500'] },
    { name: 'filter: absent is all', query: { offset: 0, limit: 2, sortBy: 'selfSize', descending: true }, total: 5, rows: ['Baz/100', 'Foo/500'] },
    { name: 'slice', query: { ...all, offset: 1, limit: 2, sortBy: 'retainedSize' }, total: 5, rows: ['bar/900', 'Foo/500'], offset: 1 },
    { name: 'offset past the end is clamped', query: { ...all, offset: 99, sortBy: 'retainedSize' }, total: 5, rows: [], offset: 5 },
    { name: 'negative offset is clamped', query: { ...all, offset: -3, limit: 1, sortBy: 'retainedSize' }, total: 5, rows: ['Foo/900'], offset: 0 },
    { name: 'negative limit gives no rows', query: { ...all, limit: -1, sortBy: 'retainedSize' }, total: 5, rows: [] },
    { name: 'no match', query: { ...all, sortBy: 'count', filter: 'Qux' }, total: 0, rows: [] },
  ];
  for (const c of cases) {
    const page = tablePage(classes, c.query, 'retainedSize');
    assert.deepEqual(page.rows.map(classKey), c.rows, c.name);
    assert.equal(page.total, c.total, c.name);
    assert.equal(page.offset, c.offset ?? 0, c.name);
  }
});

test('comparison pages: the same rule, size delta as the table column', () => {
  const cases: { name: string; query: TableQuery<DeltaSortKey>; rows: string[] }[] = [
    { name: 'largest size delta first', query: { ...all, sortBy: 'sizeDelta' }, rows: ['BufferList', 'Buffer', 'Map', 'Array'] },
    { name: 'count delta ties fall back to size delta, largest first', query: { ...all, sortBy: 'countDelta', descending: false }, rows: ['Map', 'Array', 'BufferList', 'Buffer'] },
    { name: 'by name', query: { ...all, sortBy: 'name', descending: false, filter: 'buffer' }, rows: ['Buffer', 'BufferList'] },
    { name: 'filter trimmed, as for classes', query: { ...all, sortBy: 'newSize', filter: ' buffer ' }, rows: ['BufferList', 'Buffer'] },
  ];
  for (const c of cases) assert.deepEqual(tablePage(deltas, c.query, 'sizeDelta').rows.map((r) => r.name), c.rows, c.name);
});

test('the pager leaves its input alone', () => {
  const before = JSON.stringify(classes);
  tablePage<ClassSortKey, ClassRow>(classes, { ...all, sortBy: 'name', descending: false }, 'retainedSize');
  assert.equal(JSON.stringify(classes), before);
});
