import { NumberSink } from './numberArrayTokenizer';
import { SnapshotLayout } from './snapshotLayout';
import { SnapshotParseError } from './snapshotParseError';

export interface EdgeColumns {
  readonly edgeType: Uint8Array;
  readonly edgeNameOrIndex: Uint32Array;
  readonly edgeToNode: Uint32Array;
}

/**
 * Stores `edges` records into columns, preallocated from snapshot.edge_count. to_node is a
 * position in the `nodes` array; it must start a node, and is stored as the node ordinal.
 * String-named edges keep their largest name index for `validateSnapshot`, as nodes do.
 */
export class EdgeSectionSink implements NumberSink {
  readonly columns: EdgeColumns;
  edges = 0;
  maxName = -1;
  maxNamePosition = 0;

  constructor(
    private readonly layout: SnapshotLayout,
    private readonly file: string,
  ) {
    const n = layout.edgeCount;
    this.columns = { edgeType: new Uint8Array(n), edgeNameOrIndex: new Uint32Array(n), edgeToNode: new Uint32Array(n) };
  }

  take(values: Float64Array, positions: Float64Array, count: number): number {
    const { edgeType, edgeNameOrIndex, edgeToNode } = this.columns;
    const layout = this.layout;
    const ef = layout.edgeFieldCount;
    const nf = layout.nodeFieldCount;
    const { type: oType, nameOrIndex: oName, toNode: oTo } = layout.edge;
    const typeCount = layout.meta.edgeTypes.length;
    const nameIsString = layout.edgeNameIsString;
    const edgeCount = layout.edgeCount;
    const nodeLimit = layout.nodeCount * nf;
    let k = this.edges;
    let maxName = this.maxName;
    let j = 0;
    for (; j + ef <= count; j += ef, k++) {
      if (k === edgeCount) this.fail(positions[j], `more edges than snapshot.edge_count (${edgeCount})`);
      const type = values[j + oType];
      if (type >= typeCount) this.fail(positions[j + oType], `edge type ${type} is beyond edge_types (${typeCount} types)`);
      edgeType[k] = type;
      const name = values[j + oName];
      if (name > 0xffffffff) this.fail(positions[j + oName], `edge name_or_index ${name} does not fit in 32 bits`);
      edgeNameOrIndex[k] = name;
      if (nameIsString[type] === 1 && name > maxName) {
        maxName = name;
        this.maxNamePosition = positions[j + oName];
      }
      const to = values[j + oTo];
      if (to >= nodeLimit) this.fail(positions[j + oTo], `edge to_node ${to} is beyond the last node (${nodeLimit - nf})`);
      const ordinal = Math.floor(to / nf);
      if (ordinal * nf !== to) this.fail(positions[j + oTo], `edge to_node ${to} is not a multiple of node_fields (${nf})`);
      edgeToNode[k] = ordinal;
    }
    this.edges = k;
    this.maxName = maxName;
    return j;
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
