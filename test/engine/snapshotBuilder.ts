/**
 * Builds small heap snapshots for tests, in V8's own `.heapsnapshot` format (Node 20 layout), so
 * the same graph can go through our parser, through `parsedFromJson`, and through DevTools' worker.
 *
 *   const b = new SnapshotBuilder();
 *   const gc = b.gcRoots();                       // "(GC roots)" under the synthetic root
 *   const map = b.node('object', 'Map', 32);
 *   b.edge(gc, map, 'element', 1);
 *   b.edge(map, b.node('string', 'hello', 24), 'property', 'greeting');
 *   writeFileSync(f, b.toText());
 *
 * Node handles are node ordinals; the synthetic root is ordinal 0. Ids are assigned like V8's
 * (odd numbers ascending) unless given.
 */
import { ParsedSnapshot, SnapshotLocations, StringTable } from '../../src/engine/snapshot/parsedSnapshot';

export const NODE_TYPES = [
  'hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic',
  'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape', 'wasm object',
] as const;
export const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];
export type EdgeTypeName = (typeof EDGE_TYPES)[number];

/** Node 20's record layout, as every synthetic snapshot (this builder's, the streamed ones) writes it. */
export const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'] as const;
export const EDGE_FIELDS = ['type', 'name_or_index', 'to_node'] as const;

/** The `snapshot` header V8 writes before the nodes: the meta of NODE_FIELDS/EDGE_FIELDS and the counts. */
export function snapshotHeader(nodeCount: number, edgeCount: number): HeapSnapshotJson['snapshot'] {
  return {
    meta: {
      node_fields: [...NODE_FIELDS],
      node_types: [[...NODE_TYPES], 'string', 'number', 'number', 'number', 'number', 'number'],
      edge_fields: [...EDGE_FIELDS],
      edge_types: [[...EDGE_TYPES], 'string_or_number', 'node'],
      trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
      trace_node_fields: ['id', 'function_info_index', 'count', 'size', 'children'],
      sample_fields: ['timestamp_us', 'last_assigned_id'],
      location_fields: ['object_index', 'script_id', 'line', 'column'],
    },
    node_count: nodeCount,
    edge_count: edgeCount,
    trace_function_count: 0,
  };
}

/** The sections V8 writes between the edges and the locations, empty without allocation tracking. */
export function emptyTraceSections(): { trace_function_infos: number[]; trace_tree: number[]; samples: number[] } {
  return { trace_function_infos: [], trace_tree: [], samples: [] };
}

/** Edge types whose name_or_index is an element index rather than a string. */
const INDEXED_EDGES: ReadonlySet<EdgeTypeName> = new Set(['element', 'hidden']);

export interface HeapSnapshotJson {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: unknown[];
      edge_fields: string[];
      edge_types: unknown[];
      location_fields: string[];
      [other: string]: unknown;
    };
    node_count: number;
    edge_count: number;
    root_index?: number;
    [other: string]: unknown;
  };
  nodes: number[];
  edges: number[];
  locations?: number[];
  strings: string[];
  [other: string]: unknown;
}

interface BuiltNode {
  type: NodeTypeName;
  name: string;
  id: number;
  selfSize: number;
  detachedness: number;
  traceNodeId: number;
  edges: { type: EdgeTypeName; nameOrIndex: string | number; to: number }[];
}

/** One `trace_function_infos` record (allocation tracking): where a function is; line and column 1-based, as V8 writes them. */
export interface TraceFunction {
  functionId: number;
  name: string;
  scriptName: string;
  scriptId: number;
  line: number;
  column: number;
}

export class SnapshotBuilder {
  private readonly nodes: BuiltNode[] = [];
  private readonly locs: { node: number; scriptId: number; line: number; column: number }[] = [];
  private readonly traceFunctions: TraceFunction[] = [];
  private nextId = 1;
  readonly root: number;

  constructor() {
    this.root = this.node('synthetic', '', 0);
  }

  /** Adds a node and returns its ordinal. */
  node(type: NodeTypeName, name: string, selfSize = 0, options: { id?: number; detachedness?: number; traceNodeId?: number } = {}): number {
    const id = options.id ?? this.nextId;
    this.nextId = Math.max(this.nextId, id) + 2;
    this.nodes.push({ type, name, id, selfSize, detachedness: options.detachedness ?? 0, traceNodeId: options.traceNodeId ?? 0, edges: [] });
    return this.nodes.length - 1;
  }

  /** Adds an edge; element/hidden edges take a number, the others a name. */
  edge(from: number, to: number, type: EdgeTypeName, nameOrIndex: string | number): this {
    if (INDEXED_EDGES.has(type) !== (typeof nameOrIndex === 'number')) {
      throw new Error(`edge type ${type} takes ${INDEXED_EDGES.has(type) ? 'an index' : 'a name'}`);
    }
    this.node$(to);
    this.node$(from).edges.push({ type, nameOrIndex, to });
    return this;
  }

  /** "(GC roots)" under the synthetic root, as V8 lays it out. */
  gcRoots(): number {
    const gc = this.node('synthetic', '(GC roots)', 0);
    this.edge(this.root, gc, 'element', 1);
    return gc;
  }

  /** Where a node's source is (closures): V8's 0-based line and column in script `scriptId`. */
  location(node: number, scriptId: number, line: number, column: number): this {
    this.node$(node);
    this.locs.push({ node, scriptId, line, column });
    return this;
  }

  /**
   * Adds a `trace_function_infos` record and returns its index (what a trace node's
   * function_info_index names). The trace tree itself is the caller's: tests give it as text.
   */
  traceFunction(f: TraceFunction): number {
    this.traceFunctions.push(f);
    return this.traceFunctions.length - 1;
  }

  id(ordinal: number): number {
    return this.node$(ordinal).id;
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  toJson(): HeapSnapshotJson {
    const strings: string[] = [];
    const stringIndex = new Map<string, number>();
    const intern = (s: string) => {
      let i = stringIndex.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        stringIndex.set(s, i);
      }
      return i;
    };
    const nodeFieldCount = NODE_FIELDS.length;
    const nodes: number[] = [];
    const edges: number[] = [];
    for (const n of this.nodes) {
      nodes.push(NODE_TYPES.indexOf(n.type), intern(n.name), n.id, n.selfSize, n.edges.length, n.traceNodeId, n.detachedness);
      for (const e of n.edges) {
        edges.push(
          EDGE_TYPES.indexOf(e.type),
          typeof e.nameOrIndex === 'number' ? e.nameOrIndex : intern(e.nameOrIndex),
          e.to * nodeFieldCount,
        );
      }
    }
    const locations: number[] = [];
    for (const l of this.locs) locations.push(l.node * nodeFieldCount, l.scriptId, l.line, l.column);
    const traces = emptyTraceSections();
    for (const f of this.traceFunctions) traces.trace_function_infos.push(f.functionId, intern(f.name), intern(f.scriptName), f.scriptId, f.line, f.column);
    const snapshot = snapshotHeader(this.nodes.length, edges.length / EDGE_FIELDS.length);
    snapshot.trace_function_count = this.traceFunctions.length;
    return {
      snapshot,
      nodes,
      edges,
      ...traces,
      locations,
      strings,
    };
  }

  /** The snapshot as V8 would write it (one node or edge per line, as V8 does). */
  toText(): string {
    return snapshotJsonToText(this.toJson());
  }

  private node$(ordinal: number): BuiltNode {
    const n = this.nodes[ordinal];
    if (!n) throw new Error(`no node ${ordinal}`);
    return n;
  }
}

/** Serialises a snapshot object in V8's line layout. */
export function snapshotJsonToText(json: HeapSnapshotJson): string {
  const nodeFieldCount = json.snapshot.meta.node_fields.length;
  const edgeFieldCount = json.snapshot.meta.edge_fields.length;
  const rows = (values: number[], width: number) => {
    const out: string[] = [];
    for (let i = 0; i < values.length; i += width) out.push(values.slice(i, i + width).join(','));
    return out.join('\n,');
  };
  const parts: string[] = [`{"snapshot":${JSON.stringify(json.snapshot)}`];
  parts.push(`\n"nodes":[${rows(json.nodes, nodeFieldCount)}]`);
  parts.push(`\n"edges":[${rows(json.edges, edgeFieldCount)}]`);
  for (const key of Object.keys(json)) {
    if (key === 'snapshot' || key === 'nodes' || key === 'edges' || key === 'strings') continue;
    parts.push(`\n${JSON.stringify(key)}:${JSON.stringify(json[key])}`);
  }
  parts.push(`\n"strings":[${json.strings.map((s) => JSON.stringify(s)).join('\n,')}]}`);
  return parts.join(',');
}

/**
 * A plain, non-streaming conversion of a JSON-parsed snapshot into ParsedSnapshot. For tests
 * only: it is the independent reference the streaming parser is compared with, and the way
 * builder graphs reach the graph code without the parser.
 */
export function parsedFromJson(json: HeapSnapshotJson): ParsedSnapshot {
  const meta = json.snapshot.meta;
  const nf = meta.node_fields;
  const ef = meta.edge_fields;
  const nodeFieldCount = nf.length;
  const edgeFieldCount = ef.length;
  const nodeCount = json.nodes.length / nodeFieldCount;
  const edgeCount = json.edges.length / edgeFieldCount;
  const col = (fields: string[], name: string) => fields.indexOf(name);
  const [nType, nName, nId, nSelf, nEdges, nDet] = ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'].map((f) => col(nf, f));
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => col(ef, f));

  const nodeType = new Uint8Array(nodeCount);
  const nodeName = new Uint32Array(nodeCount);
  const nodeId = new Uint32Array(nodeCount);
  const nodeSelfSize = new Uint32Array(nodeCount);
  const firstEdge = new Uint32Array(nodeCount + 1);
  const nodeDetachedness = nDet >= 0 ? new Uint8Array(nodeCount) : null;
  for (let i = 0; i < nodeCount; i++) {
    const base = i * nodeFieldCount;
    nodeType[i] = json.nodes[base + nType];
    nodeName[i] = json.nodes[base + nName];
    nodeId[i] = json.nodes[base + nId];
    nodeSelfSize[i] = json.nodes[base + nSelf];
    firstEdge[i + 1] = firstEdge[i] + json.nodes[base + nEdges];
    if (nodeDetachedness) nodeDetachedness[i] = json.nodes[base + nDet];
  }
  const edgeType = new Uint8Array(edgeCount);
  const edgeNameOrIndex = new Uint32Array(edgeCount);
  const edgeToNode = new Uint32Array(edgeCount);
  for (let i = 0; i < edgeCount; i++) {
    const base = i * edgeFieldCount;
    edgeType[i] = json.edges[base + eType];
    edgeNameOrIndex[i] = json.edges[base + eName];
    edgeToNode[i] = json.edges[base + eTo] / nodeFieldCount;
  }
  const lf = meta.location_fields ?? [];
  const raw = json.locations ?? [];
  const lw = lf.length || 4;
  const count = raw.length / lw;
  const locations: SnapshotLocations = {
    count,
    nodeOrdinal: Uint32Array.from({ length: count }, (_, i) => raw[i * lw + lf.indexOf('object_index')] / nodeFieldCount),
    scriptId: Uint32Array.from({ length: count }, (_, i) => raw[i * lw + lf.indexOf('script_id')]),
    line: Uint32Array.from({ length: count }, (_, i) => raw[i * lw + lf.indexOf('line')]),
    column: Uint32Array.from({ length: count }, (_, i) => raw[i * lw + lf.indexOf('column')]),
  };
  const strings: StringTable = {
    count: json.strings.length,
    get(index: number) {
      if (index < 0 || index >= json.strings.length) throw new RangeError(`string ${index} out of range`);
      return json.strings[index];
    },
  };
  return {
    meta: {
      nodeFields: nf,
      // node_types[i] describes node_fields[i]: the enum is at the type field's index.
      nodeTypes: meta.node_types[nType] as string[],
      edgeFields: ef,
      edgeTypes: meta.edge_types[eType] as string[],
      locationFields: lf,
      rootOrdinal: json.snapshot.root_index !== undefined ? json.snapshot.root_index / nodeFieldCount : 0,
    },
    nodeCount, edgeCount, nodeType, nodeName, nodeId, nodeSelfSize, firstEdge, nodeDetachedness,
    edgeType, edgeNameOrIndex, edgeToNode, strings, locations,
  };
}
