import type { AllocationTraces } from './allocationTraces';

/** The `snapshot` header's field and type names, read once; the columns' indexes refer to them. */
export interface SnapshotMeta {
  readonly nodeFields: readonly string[];
  /** The names of the node `type` enum: node_types at the 'type' field's index (0 in every V8 layout). */
  readonly nodeTypes: readonly string[];
  readonly edgeFields: readonly string[];
  /** The names of the edge `type` enum: edge_types at the 'type' field's index (0 in every V8 layout). */
  readonly edgeTypes: readonly string[];
  readonly locationFields: readonly string[];
  /** snapshot.root_index where present (old V8), else 0. A node ordinal. */
  readonly rootOrdinal: number;
}

/** A string table read lazily from the file's `strings` section. */
export interface StringTable {
  readonly count: number;
  /** The string at `index`, decoded on demand. Throws RangeError past the end. */
  get(index: number): string;
  /**
   * Optional: an upper bound on string `index`'s length in UTF-16 units, without decoding it.
   * Lets callers rule out a long name they look for among many short ones (the graph's
   * special edge names) at the cost of one subtraction instead of a decode.
   */
  maxLength?(index: number): number;
}

/** Closure/script locations from the `locations` section, parallel columns. */
export interface SnapshotLocations {
  readonly count: number;
  readonly nodeOrdinal: Uint32Array;
  readonly scriptId: Uint32Array;
  /** 0-based, as V8 writes them. */
  readonly line: Uint32Array;
  readonly column: Uint32Array;
}

/**
 * Byte sizes per node. Uint32 when every sum fits (the graph checks the heap's total first):
 * half the memory of doubles, which on a 10 M-node heap is 40 MB per column.
 */
export type SizeArray = Uint32Array | Float64Array;

/**
 * What the parser hands to the graph: the snapshot's nodes and edges as columns of typed arrays,
 * indexed by ordinal (node ordinal = position in the file's `nodes` array / node_fields.length;
 * edge ordinal = position in `edges` / edge_fields.length). Edges are grouped by their owner in
 * node order, so node i owns edges [firstEdge[i], firstEdge[i+1]).
 *
 * Nothing here holds the file or any section of it as one JS string.
 */
export interface ParsedSnapshot {
  readonly meta: SnapshotMeta;
  readonly nodeCount: number;
  readonly edgeCount: number;

  /** Index into meta.nodeTypes. */
  readonly nodeType: Uint8Array;
  /** Index into strings (for 'number' nodes with exposed values, still a string index). */
  readonly nodeName: Uint32Array;
  /** V8's object id, stable across snapshots of one process. */
  readonly nodeId: Uint32Array;
  /** V8's self_size; the tokenizer already rejects values past 2^32 - 1. */
  readonly nodeSelfSize: Uint32Array;
  /** nodeCount + 1 entries; node i owns edges [firstEdge[i], firstEdge[i+1]). */
  readonly firstEdge: Uint32Array;
  /** meta `detachedness` where the snapshot has it, else null. */
  readonly nodeDetachedness: Uint8Array | null;

  /** Index into meta.edgeTypes. */
  readonly edgeType: Uint8Array;
  /** A string index for named edge types, an element index for 'element' and 'hidden'. */
  readonly edgeNameOrIndex: Uint32Array;
  /** The target's node ordinal (already divided by node_fields.length). */
  readonly edgeToNode: Uint32Array;

  readonly strings: StringTable;
  readonly locations: SnapshotLocations;
  /** Every object's allocation stack, when the snapshot was taken with trackAllocations; else null or absent. */
  readonly allocationTraces?: AllocationTraces | null;
}
