import { NumberSink } from './numberArrayTokenizer';
import { SnapshotLayout } from './snapshotLayout';
import { SnapshotParseError } from './snapshotParseError';

/** The node columns, preallocated from snapshot.node_count. */
export interface NodeColumns {
  readonly nodeType: Uint8Array;
  readonly nodeName: Uint32Array;
  readonly nodeId: Uint32Array;
  readonly nodeSelfSize: Float64Array;
  readonly firstEdge: Uint32Array;
  readonly nodeDetachedness: Uint8Array | null;
}

/**
 * Stores `nodes` records into columns, checking each value against what it indexes. The edge
 * counts are summed into `firstEdge` as they come (node i owns edges [firstEdge[i], firstEdge[i+1])).
 * Name indexes can only be checked once the strings are known (they may come later in the file),
 * so the largest one and where it was seen are kept for `validateSnapshot`.
 */
export class NodeSectionSink implements NumberSink {
  readonly columns: NodeColumns;
  nodes = 0;
  maxName = -1;
  maxNamePosition = 0;
  private edges = 0;

  constructor(
    private readonly layout: SnapshotLayout,
    private readonly file: string,
  ) {
    const n = layout.nodeCount;
    this.columns = {
      nodeType: new Uint8Array(n),
      nodeName: new Uint32Array(n),
      nodeId: new Uint32Array(n),
      nodeSelfSize: new Float64Array(n),
      firstEdge: new Uint32Array(n + 1),
      nodeDetachedness: layout.node.detachedness >= 0 ? new Uint8Array(n) : null,
    };
  }

  take(values: Float64Array, positions: Float64Array, count: number): number {
    const { nodeType, nodeName, nodeId, nodeSelfSize, firstEdge, nodeDetachedness } = this.columns;
    const layout = this.layout;
    const nf = layout.nodeFieldCount;
    const { type: oType, name: oName, id: oId, selfSize: oSelf, edgeCount: oEdges, detachedness: oDet } = layout.node;
    const typeCount = layout.meta.nodeTypes.length;
    const nodeCount = layout.nodeCount;
    const edgeLimit = layout.edgeCount;
    let k = this.nodes;
    let edges = this.edges;
    let maxName = this.maxName;
    let j = 0;
    for (; j + nf <= count; j += nf, k++) {
      if (k === nodeCount) this.fail(positions[j], `more nodes than snapshot.node_count (${nodeCount})`);
      const type = values[j + oType];
      if (type >= typeCount) this.fail(positions[j + oType], `node type ${type} is beyond node_types (${typeCount} types)`);
      nodeType[k] = type;
      const name = values[j + oName];
      if (name > maxName) {
        maxName = name;
        this.maxNamePosition = positions[j + oName];
      }
      nodeName[k] = name;
      const id = values[j + oId];
      if (id > 0xffffffff) this.fail(positions[j + oId], `node id ${id} does not fit in 32 bits`);
      nodeId[k] = id;
      nodeSelfSize[k] = values[j + oSelf];
      edges += values[j + oEdges];
      if (edges > edgeLimit) {
        this.fail(positions[j + oEdges], `node edge_counts add up to more than snapshot.edge_count (${edgeLimit})`);
      }
      firstEdge[k + 1] = edges;
      if (nodeDetachedness !== null) {
        const detachedness = values[j + oDet];
        if (detachedness > 255) this.fail(positions[j + oDet], `detachedness ${detachedness} is out of range`);
        nodeDetachedness[k] = detachedness;
      }
    }
    this.nodes = k;
    this.edges = edges;
    this.maxName = maxName;
    return j;
  }

  finish(position: number, leftover: number): void {
    const nf = this.layout.nodeFieldCount;
    if (leftover !== 0) this.fail(position, `"nodes" ends inside a node (${leftover} of ${nf} fields)`);
    if (this.nodes !== this.layout.nodeCount) {
      this.fail(position, `"nodes" has ${this.nodes} nodes but snapshot.node_count is ${this.layout.nodeCount}`);
    }
    if (this.edges !== this.layout.edgeCount) {
      this.fail(position, `node edge_counts add up to ${this.edges} but snapshot.edge_count is ${this.layout.edgeCount}`);
    }
  }

  private fail(position: number, detail: string): never {
    throw new SnapshotParseError(this.file, position, detail);
  }
}
