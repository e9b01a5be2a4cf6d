import { HeapGraph } from '../graph/heapGraph';
import { ClassAggregates, aggregateClasses } from './classAggregates';
import { ClassIndex, buildClassIndex } from './classIndex';
import { NodeIdIndex } from './nodeIdIndex';
import { topObjectsByRetainedSize } from './topObjects';

/** What a load may have built with the graph (see loadSnapshot); anything missing is built on first use. */
export interface PrebuiltAnalysis {
  readonly classes?: ClassIndex | null;
  readonly aggregates?: ClassAggregates | null;
  /** topObjectsByRetainedSize(graph, limit) for this limit. */
  readonly top?: { readonly limit: number; readonly nodes: readonly number[] } | null;
}

/**
 * What the engine keeps per open snapshot: the graph, plus indexes built on first use and then
 * reused by every later query (the class table is built once, pages are slices of it).
 */
export class SnapshotAnalysis {
  private classIndex: ClassIndex | null;
  private aggregates: ClassAggregates | null;
  private readonly top: PrebuiltAnalysis['top'];
  private idIndex: NodeIdIndex | null = null;
  private members: { first: Uint32Array; nodes: Uint32Array } | null = null;
  private readonly byName = new Map<string, Uint32Array>();

  constructor(readonly graph: HeapGraph, prebuilt: PrebuiltAnalysis = {}) {
    this.classIndex = prebuilt.classes ?? null;
    this.aggregates = prebuilt.aggregates ?? null;
    this.top = prebuilt.top;
  }

  /** The `limit` nodes with the largest retained sizes (see topObjectsByRetainedSize). */
  topObjects(limit: number): number[] {
    const top = this.top;
    // A list shorter than its limit holds every candidate: any limit is a prefix of it.
    if (top && (limit <= top.limit || top.nodes.length < top.limit)) return top.nodes.slice(0, limit);
    return topObjectsByRetainedSize(this.graph, limit);
  }

  async classes(checkpoint: () => Promise<void>): Promise<ClassIndex> {
    this.classIndex ??= await buildClassIndex(this.graph, checkpoint);
    return this.classIndex;
  }

  async classAggregates(checkpoint: () => Promise<void>): Promise<ClassAggregates> {
    this.aggregates ??= await aggregateClasses(this.graph, await this.classes(checkpoint), checkpoint);
    return this.aggregates;
  }

  ids(): NodeIdIndex {
    this.idIndex ??= new NodeIdIndex(this.graph);
    return this.idIndex;
  }

  /**
   * Counted members (non-zero shallow size, as in the Summary) of every class, in node order:
   * class c's are nodes[first[c] .. first[c + 1]).
   */
  async classMembers(checkpoint: () => Promise<void>): Promise<{ first: Uint32Array; nodes: Uint32Array }> {
    if (this.members) return this.members;
    const { classOf, names } = await this.classes(checkpoint);
    const g = this.graph;
    const first = new Uint32Array(names.length + 1);
    for (let node = 0; node < g.nodeCount; node++) if (g.nodeSelfSize[node] !== 0) first[classOf[node] + 1]++;
    for (let c = 0; c < names.length; c++) first[c + 1] += first[c];
    const fill = first.slice(0, names.length);
    const nodes = new Uint32Array(first[names.length]);
    for (let node = 0; node < g.nodeCount; node++) if (g.nodeSelfSize[node] !== 0) nodes[fill[classOf[node]]++] = node;
    this.members = { first, nodes };
    return this.members;
  }

  /**
   * Members of every class with this name (one name can be several rows: same constructor
   * name, different source locations), by retained size descending; cached per name so paging
   * through a large class is a slice.
   */
  async membersNamed(name: string, checkpoint: () => Promise<void>): Promise<Uint32Array> {
    const cached = this.byName.get(name);
    if (cached) return cached;
    const { names } = await this.classes(checkpoint);
    const { first, nodes } = await this.classMembers(checkpoint);
    const classes = names.flatMap((n, c) => (n === name ? [c] : []));
    const size = this.graph.retainedSize;
    const merged = classes.flatMap((c) => Array.from(nodes.subarray(first[c], first[c + 1])));
    await checkpoint();
    const result = Uint32Array.from(merged.sort((a, b) => size[b] - size[a] || a - b));
    this.byName.set(name, result);
    return result;
  }
}
