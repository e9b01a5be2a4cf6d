import { writeFileSync } from 'node:fs';
import { SnapshotBuilder } from '../engine/snapshotBuilder';

export const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">';

/**
 * A snapshot with `classes` constructors (so the Summary has that many rows), one of them named
 * with markup, as a snapshot string from a hostile target could be. Each class has a few
 * instances of growing size, held from a global through a Map-like table.
 */
export function writeBigSnapshot(file: string, classes: number): void {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const global = b.node('object', 'Window', 64);
  b.edge(gc, global, 'element', 1);
  const table = b.node('array', '(object elements)', 16);
  b.edge(global, table, 'property', 'registry');
  for (let c = 0; c < classes; c++) {
    const name = c === 7 ? HOSTILE : `Class${String(c).padStart(6, '0')}`;
    const instances = 1 + (c % 3);
    for (let i = 0; i < instances; i++) {
      const obj = b.node('object', name, 16 + ((c * 7 + i) % 200));
      b.edge(table, obj, 'element', c * 3 + i);
      if (c === 7) b.edge(obj, b.node('string', HOSTILE, 64), 'property', HOSTILE);
    }
  }
  writeFileSync(file, b.toText());
}

/**
 * Two snapshots of "one process": B holds the same objects as A (same ids, built in the same
 * order) plus `added` more LeakyThing instances, and has lost A's `Temp` objects.
 */
export function writeSnapshotPair(fileA: string, fileB: string, kept: number, added: number): void {
  const build = (extra: number, withTemp: boolean) => {
    const b = new SnapshotBuilder();
    const gc = b.gcRoots();
    const holder = b.node('object', 'Holder', 32);
    b.edge(gc, holder, 'element', 1);
    const list = b.node('array', '(object elements)', 16);
    b.edge(holder, list, 'property', 'things');
    for (let i = 0; i < kept + extra; i++) b.edge(list, b.node('object', 'LeakyThing', 64), 'element', i);
    if (withTemp) for (let i = 0; i < 5; i++) b.edge(holder, b.node('object', 'Temp', 40, { id: 900_001 + 2 * i }), 'property', `t${i}`);
    return b.toText();
  };
  writeFileSync(fileA, build(0, true));
  writeFileSync(fileB, build(added, false));
}
