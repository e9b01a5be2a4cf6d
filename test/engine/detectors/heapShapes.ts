import { SnapshotBuilder } from '../snapshotBuilder';

/**
 * V8 heap shapes for detector unit tests, laid out as Node 20 writes them
 * (see docs/leak-patterns.md): an app object under "(Global handles)", Map tables with
 * slot-named internal edges, Buffers over ArrayBuffers with backing stores, closures with
 * shared/context edges, oddballs for true/false/null.
 * Objects that must keep their id across a series get explicit ids (>= 1,000,000); the builder
 * numbers later nodes above the last explicit id, so a second explicit id must be far above it.
 */
export class HeapShapes {
  readonly b = new SnapshotBuilder();
  /** A plain object under "(Global handles)": the app's module state. */
  readonly app: number;
  private readonly oddball = new Map<string, number>();

  constructor() {
    const gc = this.b.gcRoots();
    const handles = this.b.node('synthetic', '(Global handles)', 0, { id: 999_001 });
    this.b.edge(gc, handles, 'element', 1);
    this.app = this.b.node('object', 'Object', 24, { id: 999_003 });
    this.b.edge(handles, this.app, 'element', 0);
  }

  /** The shared "system / Oddball" for true/false/null/undefined. */
  value(v: 'true' | 'false' | 'null' | 'undefined'): number {
    let n = this.oddball.get(v);
    if (n === undefined) {
      n = this.b.node('hidden', 'system / Oddball', 48);
      this.b.edge(n, this.b.node('string', v, 16), 'hidden', 0);
      this.oddball.set(v, n);
    }
    return n;
  }

  /** A Map held by `app.<name>`, and a function adding `value` under a string key. */
  map(name: string, id: number): { map: number; set: (value: number) => void } {
    const map = this.b.node('object', 'Map', 32, { id });
    const table = this.b.node('array', '', 64, { id: id + 2 });
    this.b.edge(this.app, map, 'property', name).edge(map, table, 'internal', 'table');
    let entries = 0;
    return {
      map,
      set: (value: number) => {
        const slot = 3 + 2 + entries * 3;
        this.b.edge(table, this.b.node('string', `key-${entries}`, 24), 'internal', String(slot));
        this.b.edge(table, value, 'internal', String(slot + 1));
        entries += 1;
      },
    };
  }

  /** An Array held by `owner.<name>` with element edges. */
  array(name: string, id: number, owner = this.app): { array: number; push: (value: number) => void } {
    const array = this.b.node('object', 'Array', 32, { id });
    this.b.edge(owner, array, 'property', name);
    let n = 0;
    return { array, push: (value: number) => void this.b.edge(array, value, 'element', n++) };
  }

  /** An ArrayBuffer with a backing store; `slab` adds the Buffer pool's hidden PropertyArray marker. */
  arrayBuffer(size: number, slab: boolean): number {
    const ab = this.b.node('object', 'ArrayBuffer', 88);
    this.b.edge(ab, this.b.node('native', 'system / JSArrayBufferData', size), 'internal', 'backing_store');
    if (slab) this.b.edge(ab, this.b.node('hidden', 'system / PropertyArray', 40), 'hidden', 0);
    return ab;
  }

  /** A Buffer viewing `ab`. */
  view(ab: number): number {
    const v = this.b.node('object', 'Buffer', 96);
    this.b.edge(v, ab, 'internal', 'buffer');
    return v;
  }

  /** A shared function info with a stable id and a script. */
  sharedInfo(name: string, id: number, script = 'app.js'): number {
    const shared = this.b.node('code', name, 56, { id });
    this.b.edge(shared, this.b.node('code', script, 144, { id: id + 2 }), 'internal', 'script_or_debug_info');
    return shared;
  }

  /** A closure of `shared` with its own context holding `vars` (name → node). */
  closure(name: string, shared: number, vars: Record<string, number>): { closure: number; context: number } {
    const c = this.b.node('closure', name, 64);
    const ctx = this.b.node('object', 'system / Context', 48);
    this.b.edge(c, shared, 'internal', 'shared').edge(c, ctx, 'internal', 'context');
    for (const [v, target] of Object.entries(vars)) this.b.edge(ctx, target, 'context', v);
    return { closure: c, context: ctx };
  }

  /** A node keeping about `bytes` alive by itself. */
  blob(bytes: number, name = 'Object'): number {
    const o = this.b.node('object', name, 32);
    this.b.edge(o, this.b.node('array', '', bytes), 'internal', 'elements');
    return o;
  }

  /** An object of class `name` with oddball-valued properties. */
  withFlags(name: string, flags: Record<string, 'true' | 'false' | 'null'>, selfSize = 200): number {
    const o = this.b.node('object', name, selfSize);
    for (const [k, v] of Object.entries(flags)) this.b.edge(o, this.value(v), 'property', k);
    return o;
  }
}
