import { NodeSectionSink } from './nodeSectionSink';
import { NumberSink, ValuePositions } from './numberArrayTokenizer';
import { TraceLayout } from './traceLayout';

/**
 * The `nodes` sink of a snapshot with allocation traces: the node sink stores and checks the
 * records as always, then this copies the `trace_node_id` of the records it took. Only snapshots
 * with trace data get it (see traceLayout.ts), so the node sink's loop is the same for every other.
 */
export class TraceNodeIdSink implements NumberSink {
  readonly nodeTraceId: Uint32Array;
  /** The largest id seen: checked against the trace tree once it is read. */
  maxTraceId = 0;
  maxTraceNode = -1;

  constructor(
    private readonly nodes: NodeSectionSink,
    private readonly trace: TraceLayout,
    private readonly nodeFieldCount: number,
    nodeCount: number,
    private readonly file: string,
  ) {
    this.nodeTraceId = new Uint32Array(nodeCount);
  }

  take(values: Uint32Array, count: number, where: ValuePositions): number {
    const from = this.nodes.nodes;
    const taken = this.nodes.take(values, count, where);
    const nf = this.nodeFieldCount;
    const ids = this.nodeTraceId;
    let max = this.maxTraceId;
    for (let k = from, at = this.trace.nodeTraceId; at < taken; k++, at += nf) {
      const id = values[at];
      ids[k] = id;
      if (id > max) {
        max = id;
        this.maxTraceNode = k;
      }
    }
    this.maxTraceId = max;
    return taken;
  }

  finish(position: number, leftover: number): void {
    this.nodes.finish(position, leftover);
  }
}
