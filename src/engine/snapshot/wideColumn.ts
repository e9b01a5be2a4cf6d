import { SnapshotLayout } from './snapshotLayout';

/**
 * A column of a number section whose values may pass 2^32: a node's position in `nodes` (ordinal
 * × node fields), as edges' to_node and locations' object_index give it, in a snapshot whose
 * nodes × node fields passes 2^32 (SnapshotLayout.widePositions). Every other value Heapscope
 * stores is 32-bit, and so are these once divided: the graph indexes nodes by ordinal.
 *
 * The tokenizer reads values past 2^32 exactly (doubles, to 2^53) in the branch it already takes
 * for numbers of 10 digits and more, and only there: it checks such a value starts a node and
 * hands the sink its ordinal, with the batch index in `wideAt` (see NumberArrayTokenizer). A file
 * whose positions all fit never gets a WideColumn, so its hot loops are the 32-bit ones.
 */
export interface WideColumn {
  /** Fields per record of the section, and which of them holds the position. */
  readonly stride: number;
  readonly column: number;
  /** node fields: position / divisor is the ordinal. */
  readonly divisor: number;
  /** node_count × node fields: every position is below it. */
  readonly limit: number;
  /** For errors: "edge to_node". */
  readonly what: string;
}

export function edgeToNodeColumn(layout: SnapshotLayout): WideColumn | null {
  if (!layout.widePositions) return null;
  return wide(layout, layout.edgeFieldCount, layout.edge.toNode, 'edge to_node');
}

export function locationObjectColumn(layout: SnapshotLayout): WideColumn | null {
  if (!layout.widePositions || layout.location === null) return null;
  return wide(layout, layout.locationFieldCount, layout.location.objectIndex, 'location object_index');
}

function wide(layout: SnapshotLayout, stride: number, column: number, what: string): WideColumn {
  return { stride, column, divisor: layout.nodeFieldCount, limit: layout.nodeCount * layout.nodeFieldCount, what };
}
