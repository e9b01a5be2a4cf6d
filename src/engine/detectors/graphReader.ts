import { DominatorTree } from '../analysis/dominatorTree';
import { retainerOwner } from '../graph/retainerOwner';
import { HeapGraph, UNREACHABLE } from '../graph/heapGraph';
import { idKey } from './idKey';

const ODDBALL_VALUES: ReadonlySet<string> = new Set(['true', 'false', 'null', 'undefined', 'hole']);

/**
 * A thin reading view over one analysed graph for the detectors: names, named edges, retainers,
 * boolean properties and closure locations. Everything is by node or edge ordinal; nothing is
 * copied out of the typed arrays except lazily built lookups (location by node, a cache of
 * string-table names compared many times, the numbered dominator tree).
 */
export class GraphReader {
  private locationIndex: Map<number, number> | null = null;
  private readonly oddballs = new Map<number, string | null>();
  private tree: DominatorTree | null = null;

  constructor(readonly graph: HeapGraph) {}

  get nodeCount(): number {
    return this.graph.nodeCount;
  }

  name(node: number): string {
    return this.graph.strings.get(this.graph.nodeName[node]);
  }

  id(node: number): number {
    return this.graph.nodeId[node];
  }

  /** The node's id for a series group key (see idKey.ts). */
  idKey(node: number): string {
    return idKey(this.graph, node);
  }

  isType(node: number, type: number): boolean {
    return this.graph.nodeType[node] === type;
  }

  /** A JS object (type `object`) whose constructor name is `name`. */
  isObject(node: number, name: string): boolean {
    return this.graph.nodeType[node] === this.graph.types.object && this.name(node) === name;
  }

  reachable(node: number): boolean {
    return this.graph.distance[node] !== UNREACHABLE;
  }

  /** The edge's name as text; element and hidden edges give their index. */
  edgeName(edge: number): string {
    const g = this.graph;
    const t = g.edgeType[edge];
    return t === g.edgeTypes.element || t === g.edgeTypes.hidden ? String(g.edgeNameOrIndex[edge]) : g.strings.get(g.edgeNameOrIndex[edge]);
  }

  /** The first edge of `node` with this name (and type, when given), or -1. */
  edge(node: number, name: string, type = -1): number {
    const g = this.graph;
    for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) {
      if (type >= 0 && g.edgeType[e] !== type) continue;
      const t = g.edgeType[e];
      if (t === g.edgeTypes.element || t === g.edgeTypes.hidden) continue;
      if (g.strings.get(g.edgeNameOrIndex[e]) === name) return e;
    }
    return -1;
  }

  /** The node that `node`'s edge `name` leads to, or -1. */
  child(node: number, name: string, type = -1): number {
    const e = this.edge(node, name, type);
    return e < 0 ? -1 : this.graph.edgeToNode[e];
  }

  /**
   * The value of a `true`/`false`/`null`/`undefined` property: such edges lead to a shared
   * "system / Oddball" node whose hidden edge 0 is the string "true", "false", … (Node 20), or to
   * a hidden node named "true", "false", … (Node 24).
   */
  oddballProperty(node: number, name: string): string | null {
    const target = this.child(node, name, this.graph.edgeTypes.property);
    return target < 0 ? null : this.oddballValue(target);
  }

  oddballValue(node: number): string | null {
    const g = this.graph;
    if (g.nodeType[node] !== g.types.hidden) return null;
    const cached = this.oddballs.get(node);
    if (cached !== undefined) return cached;
    let value: string | null = null;
    const name = this.name(node);
    // Node 24 (V8 13) writes each oddball as a hidden node named by its value.
    if (g.nodeType[node] === g.types.hidden && ODDBALL_VALUES.has(name)) value = name;
    else if (name === 'system / Oddball') {
      for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) {
        if (g.edgeType[e] === g.edgeTypes.hidden && g.edgeNameOrIndex[e] === 0) {
          const s = g.edgeToNode[e];
          if (g.nodeType[s] === g.types.string) value = this.name(s);
        }
      }
    }
    this.oddballs.set(node, value);
    return value;
  }

  /** Byte length of an ArrayBuffer's backing store (its `backing_store` native's self size), or -1. */
  backingStoreSize(arrayBuffer: number): number {
    const store = this.child(arrayBuffer, 'backing_store', this.graph.edgeTypes.internal);
    return store < 0 ? -1 : this.graph.nodeSelfSize[store];
  }

  /** The retainer (node) of `node` closest to the root over a non-weak edge, with its edge; null for none. */
  closestRetainer(node: number, skip?: (from: number, edge: number) => boolean): { from: number; edge: number } | null {
    const g = this.graph;
    let best: { from: number; edge: number } | null = null;
    for (let r = g.firstRetainer[node]; r < g.firstRetainer[node + 1]; r++) {
      const edge = g.retainerEdge[r];
      if (g.edgeType[edge] === g.edgeTypes.weak) continue;
      const from = retainerOwner(g, r);
      if (g.distance[from] === UNREACHABLE) continue;
      if (skip && skip(from, edge)) continue;
      if (!best || g.distance[from] < g.distance[best.from]) best = { from, edge };
    }
    return best;
  }

  /** Calls `visit(from, edge)` for every non-weak retainer of `node`. */
  forEachRetainer(node: number, visit: (from: number, edge: number) => void): void {
    const g = this.graph;
    for (let r = g.firstRetainer[node]; r < g.firstRetainer[node + 1]; r++) {
      const edge = g.retainerEdge[r];
      if (g.edgeType[edge] !== g.edgeTypes.weak) visit(retainerOwner(g, r), edge);
    }
  }

  /** The graph's dominator tree, numbered on first use (dominatorTree.ts). */
  get dominatorTree(): DominatorTree {
    this.tree ??= new DominatorTree(this.graph.dominator, this.graph.root);
    return this.tree;
  }

  /** True when `ancestor` dominates `node` (the root dominates all). */
  dominates(ancestor: number, node: number): boolean {
    return this.dominatorTree.dominates(ancestor, node);
  }

  /** The function's shared info node (stable id across snapshots of one process), or -1. */
  sharedInfo(closure: number): number {
    return this.child(closure, 'shared', this.graph.edgeTypes.internal);
  }

  /** The script a closure's code came from, as V8 names it (a path or URL), or null. */
  scriptUrl(closure: number): string | null {
    const shared = this.sharedInfo(closure);
    if (shared < 0) return null;
    // Node 20 (V8 11.3) names the edge `script_or_debug_info`, Node 22+ `script`.
    let script = this.child(shared, 'script_or_debug_info', this.graph.edgeTypes.internal);
    if (script < 0) script = this.child(shared, 'script', this.graph.edgeTypes.internal);
    if (script < 0) return null;
    const name = this.name(script);
    return name && !name.startsWith('system /') ? name : null;
  }

  /**
   * True when `context` belongs to Node's own code: a closure whose context it is comes from a
   * `node:` script (Node's internal modules keep their module state in such contexts).
   */
  isNodeInternalContext(context: number): boolean {
    const g = this.graph;
    for (let r = g.firstRetainer[context]; r < g.firstRetainer[context + 1]; r++) {
      const from = retainerOwner(g, r);
      if (g.nodeType[from] !== g.types.closure || this.edgeName(g.retainerEdge[r]) !== 'context') continue;
      const url = this.scriptUrl(from);
      if (url !== null) return url.startsWith('node:');
    }
    return false;
  }

  /** 0-based line and column of a closure from the snapshot's `locations`, or null. */
  location(node: number): { line: number; column: number } | null {
    const locs = this.graph.locations;
    if (!this.locationIndex) {
      this.locationIndex = new Map();
      for (let i = 0; i < locs.count; i++) this.locationIndex.set(locs.nodeOrdinal[i], i);
    }
    const i = this.locationIndex.get(node);
    return i === undefined ? null : { line: locs.line[i], column: locs.column[i] };
  }
}
