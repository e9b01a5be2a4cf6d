import { NumberSink, ValuePositions } from './numberArrayTokenizer';
import { ParsedSnapshot } from './parsedSnapshot';
import { SnapshotLayout } from './snapshotLayout';
import { SnapshotParseError } from './snapshotParseError';
import { sharedUint32, sharedUint8 } from '../memory/sharedArrays';

/** The node columns, preallocated from snapshot.node_count. */
export type NodeColumns = Pick<ParsedSnapshot, 'nodeType' | 'nodeName' | 'nodeId' | 'nodeSelfSize' | 'firstEdge' | 'nodeDetachedness'>;

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
  /** The node where maxName was first seen (its byte position is found only if it is needed). */
  maxNameNode = -1;
  /** Set by the caller from maxNameNode when validation needs it. */
  maxNamePosition = 0;
  private edges = 0;

  constructor(
    private readonly layout: SnapshotLayout,
    private readonly file: string,
  ) {
    const n = layout.nodeCount;
    this.columns = {
      nodeType: sharedUint8(n),
      nodeName: sharedUint32(n),
      nodeId: sharedUint32(n),
      nodeSelfSize: sharedUint32(n),
      firstEdge: sharedUint32(n + 1),
      nodeDetachedness: layout.node.detachedness >= 0 ? sharedUint8(n) : null,
    };
  }

  take(values: Uint32Array, count: number, where: ValuePositions): number {
    const { nodeType, nodeName, nodeId, nodeSelfSize, firstEdge, nodeDetachedness } = this.columns;
    const layout = this.layout;
    const nf = layout.nodeFieldCount;
    const oType = layout.node.type;
    const oName = layout.node.name;
    const oId = layout.node.id;
    const oSelf = layout.node.selfSize;
    const oEdges = layout.node.edgeCount;
    const oDet = layout.node.detachedness;
    const typeCount = layout.meta.nodeTypes.length;
    const edgeLimit = layout.edgeCount;
    // Never past the header's node_count: the columns were allocated for exactly that many.
    const records = Math.min(Math.floor(count / nf), layout.nodeCount - this.nodes);
    const stop = records * nf;
    let k = this.nodes;
    let edges = this.edges;
    let maxName = this.maxName;
    let maxNameNode = this.maxNameNode;
    let j = 0;
    for (; j < stop; j += nf, k++) {
      const type = values[j + oType];
      const name = values[j + oName];
      const edgesAfter = edges + values[j + oEdges];
      if (type >= typeCount || edgesAfter > edgeLimit) break;
      nodeType[k] = type;
      nodeName[k] = name;
      nodeId[k] = values[j + oId];
      nodeSelfSize[k] = values[j + oSelf];
      firstEdge[k + 1] = edges = edgesAfter;
      if (name > maxName) {
        maxName = name;
        maxNameNode = k;
      }
    }
    if (nodeDetachedness !== null) {
      for (let d = this.nodes, at = oDet; d < k; d++, at += nf) {
        const detachedness = values[at];
        if (detachedness > 255) this.fail(where.positionOf(at), `detachedness ${detachedness} is out of range`);
        nodeDetachedness[d] = detachedness;
      }
    }
    this.nodes = k;
    this.edges = edges;
    this.maxName = maxName;
    this.maxNameNode = maxNameNode;
    if (j < stop) {
      const type = values[j + oType];
      if (type >= typeCount) this.fail(where.positionOf(j + oType), `node type ${type} is beyond node_types (${typeCount} types)`);
      this.fail(where.positionOf(j + oEdges), `node edge_counts add up to more than snapshot.edge_count (${edgeLimit})`);
    }
    if (stop < count - count % nf) this.fail(where.positionOf(stop), `more nodes than snapshot.node_count (${layout.nodeCount})`);
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
