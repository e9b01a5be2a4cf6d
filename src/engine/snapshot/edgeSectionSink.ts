import { NumberSink, ValuePositions } from './numberArrayTokenizer';
import { ParsedSnapshot } from './parsedSnapshot';
import { SnapshotLayout } from './snapshotLayout';
import { SnapshotParseError } from './snapshotParseError';
import { sharedUint32, sharedUint8 } from '../memory/sharedArrays';
import { edgeToNodeColumn, WideColumn } from './wideColumn';

export type EdgeColumns = Pick<ParsedSnapshot, 'edgeType' | 'edgeNameOrIndex' | 'edgeToNode'>;

/**
 * Stores `edges` records into columns, preallocated from snapshot.edge_count. to_node is a
 * position in the `nodes` array; it must start a node, and is stored as the node ordinal.
 * String-named edges keep their largest name index for `validateSnapshot`, as nodes do.
 * In a snapshot whose positions pass 2^32, the tokenizer gives those past it as ordinals already
 * (see WideColumn), and batches holding any are taken by `takeWide`.
 */
export class EdgeSectionSink implements NumberSink {
  readonly columns: EdgeColumns;
  readonly wide: WideColumn | null;
  edges = 0;
  maxName = -1;
  /** The edge where maxName was first seen (its byte position is found only if it is needed). */
  maxNameEdge = -1;
  /** Set by the caller from maxNameEdge when validation needs it. */
  maxNamePosition = 0;

  constructor(
    private readonly layout: SnapshotLayout,
    private readonly file: string,
    /** Columns allocated by another thread's sink (see readEdgeSection), filled here in place. */
    columns?: EdgeColumns,
    /** How many edges the columns take: edge_count, or fewer for part of the section (see readEdgeTail). */
    private readonly capacity = layout.edgeCount,
  ) {
    const n = layout.edgeCount;
    this.columns = columns ?? { edgeType: sharedUint8(n), edgeNameOrIndex: sharedUint32(n), edgeToNode: sharedUint32(n) };
    this.wide = edgeToNodeColumn(layout);
  }

  take(values: Uint32Array, count: number, where: ValuePositions): number {
    // A batch holding wide values (see WideColumn) takes its own loop: this one stays the 32-bit one.
    if (where.wideCount !== 0) return this.takeWide(values, count, where);
    const { edgeType, edgeNameOrIndex, edgeToNode } = this.columns;
    const layout = this.layout;
    const ef = layout.edgeFieldCount;
    const nf = layout.nodeFieldCount;
    const oType = layout.edge.type;
    const oName = layout.edge.nameOrIndex;
    const oTo = layout.edge.toNode;
    const typeCount = layout.meta.edgeTypes.length;
    const nameIsString = layout.edgeNameIsString;
    const nodeLimit = layout.nodeCount * nf;
    // Never past the header's edge_count: the columns were allocated for exactly that many.
    const records = Math.min(Math.floor(count / ef), this.capacity - this.edges);
    const stop = records * ef;
    let k = this.edges;
    let maxName = this.maxName;
    let maxNameEdge = this.maxNameEdge;
    let j = 0;
    for (; j < stop; j += ef, k++) {
      const type = values[j + oType];
      const name = values[j + oName];
      const to = values[j + oTo];
      const ordinal = Math.floor(to / nf);
      if (type >= typeCount || to >= nodeLimit || ordinal * nf !== to) break;
      edgeType[k] = type;
      edgeNameOrIndex[k] = name;
      edgeToNode[k] = ordinal;
      if (name > maxName && nameIsString[type] === 1) {
        maxName = name;
        maxNameEdge = k;
      }
    }
    this.edges = k;
    this.maxName = maxName;
    this.maxNameEdge = maxNameEdge;
    if (j < stop) this.reject(values, where, j);
    if (stop < count - count % ef) this.fail(where.positionOf(stop), `more edges than snapshot.edge_count (${layout.edgeCount})`);
    return j;
  }

  /**
   * As `take`, for a batch in which the tokenizer gave some to_nodes as ordinals already (those
   * at where.wideAt, checked by it): a snapshot whose node positions pass 2^32.
   */
  private takeWide(values: Uint32Array, count: number, where: ValuePositions): number {
    const { edgeType, edgeNameOrIndex, edgeToNode } = this.columns;
    const layout = this.layout;
    const ef = layout.edgeFieldCount;
    const nf = layout.nodeFieldCount;
    const { type: oType, nameOrIndex: oName, toNode: oTo } = layout.edge;
    const typeCount = layout.meta.edgeTypes.length;
    const nameIsString = layout.edgeNameIsString;
    const nodeLimit = layout.nodeCount * nf;
    const records = Math.min(Math.floor(count / ef), this.capacity - this.edges);
    const stop = records * ef;
    const wideAt = where.wideAt;
    let w = 0;
    let k = this.edges;
    let j = 0;
    for (; j < stop; j += ef, k++) {
      const type = values[j + oType];
      const name = values[j + oName];
      const to = values[j + oTo];
      let ordinal: number;
      if (w < where.wideCount && wideAt[w] === j + oTo) {
        ordinal = to;
        w++;
      } else {
        ordinal = Math.floor(to / nf);
        if (to >= nodeLimit || ordinal * nf !== to) break;
      }
      if (type >= typeCount) break;
      edgeType[k] = type;
      edgeNameOrIndex[k] = name;
      edgeToNode[k] = ordinal;
      if (name > this.maxName && nameIsString[type] === 1) {
        this.maxName = name;
        this.maxNameEdge = k;
      }
    }
    this.edges = k;
    if (j < stop) this.reject(values, where, j);
    if (stop < count - count % ef) this.fail(where.positionOf(stop), `more edges than snapshot.edge_count (${layout.edgeCount})`);
    return j;
  }

  /** Says what is wrong with the edge at values[j]: the loop above only knows that something is. */
  private reject(values: Uint32Array, where: ValuePositions, j: number): never {
    const { edge, nodeFieldCount: nf, nodeCount } = this.layout;
    const typeCount = this.layout.meta.edgeTypes.length;
    const type = values[j + edge.type];
    if (type >= typeCount) this.fail(where.positionOf(j + edge.type), `edge type ${type} is beyond edge_types (${typeCount} types)`);
    const to = values[j + edge.toNode];
    if (to >= nodeCount * nf) this.fail(where.positionOf(j + edge.toNode), `edge to_node ${to} is beyond the last node (${(nodeCount - 1) * nf})`);
    this.fail(where.positionOf(j + edge.toNode), `edge to_node ${to} is not a multiple of node_fields (${nf})`);
  }

  finish(position: number, leftover: number): void {
    const ef = this.layout.edgeFieldCount;
    if (leftover !== 0) this.fail(position, `"edges" ends inside an edge (${leftover} of ${ef} fields)`);
    if (this.edges !== this.layout.edgeCount) {
      this.fail(position, `"edges" has ${this.edges} edges but snapshot.edge_count is ${this.layout.edgeCount}`);
    }
  }

  private fail(position: number, detail: string): never {
    throw new SnapshotParseError(this.file, position, detail);
  }
}
