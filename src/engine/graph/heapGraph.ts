import { ParsedSnapshot, SizeArray } from '../snapshot/parsedSnapshot';

/**
 * The parsed columns with their type enums resolved: what steps that need no derived array
 * (retainers, sizes...) read, so they can run on a thread before or alongside the graph build.
 */
export interface TypedSnapshot extends Omit<ParsedSnapshot, 'nodeSelfSize'> {
  /** Enum values resolved once from meta, -1 where the snapshot lacks that type. */
  readonly types: NodeTypeIds;
  readonly edgeTypes: EdgeTypeIds;
}

/**
 * The analysed graph: the parsed columns plus everything derived from them, all typed arrays
 * indexed by node ordinal or edge ordinal (see ParsedSnapshot). Built once per snapshot by
 * `buildHeapGraph`; read-only afterwards. Anything object-shaped over it is a thin view.
 */
export interface HeapGraph extends TypedSnapshot {
  /** DevTools' shallow size (see rawSelfSize). */
  readonly nodeSelfSize: SizeArray;
  /** Node ordinal of the synthetic root (meta.rootOrdinal). */
  readonly root: number;

  /** nodeCount + 1 entries; node i's retainers are [firstRetainer[i], firstRetainer[i+1]). */
  readonly firstRetainer: Uint32Array;
  /** Per retainer slot: the retaining edge's ordinal; its owner is retainerOwner(graph, slot). */
  readonly retainerEdge: Uint32Array;

  /**
   * DevTools' distance: BFS hops over non-weak edges from the user roots (the root's
   * non-synthetic children sit at 1); nodes reached only through the system roots get
   * SYSTEM_DISTANCE + hops from the root; UNREACHABLE where not reached at all.
   */
  readonly distance: Uint32Array;
  /** Immediate dominator's node ordinal; the root dominates itself. */
  readonly dominator: Uint32Array;
  /** Retained size, equal to Chrome DevTools' for every node. */
  readonly retainedSize: SizeArray;

  /**
   * V8's self_size as written in the file. `nodeSelfSize` on the graph is DevTools' shallow size
   * instead: internal arrays/hidden nodes owned by exactly one object are folded into it (see
   * computeShallowSizes), which is what DevTools shows and sums into retained sizes.
   */
  readonly rawSelfSize: Uint32Array;
  /** Per node: NODE_FLAG_* bits. */
  readonly nodeFlags: Uint8Array;
}

/** DevTools' base distance for nodes reached only from the system (non-user) roots. */
export const SYSTEM_DISTANCE = 100_000_000;
/** Reachable from a user global object through non-weak edges (DevTools' "page object"). */
export const NODE_FLAG_PAGE_OBJECT = 1;
/** Not reachable from the root even through orphan roots: DevTools hangs it directly off the root. */
export const NODE_FLAG_UNREACHABLE = 2;

/** The distance of a node not reached at all (see HeapGraph.distance). */
export const UNREACHABLE = 0xffffffff;

/** Each node type's index in meta.nodeTypes, -1 where the snapshot lacks it (see resolveNodeTypeIds). */
export interface NodeTypeIds {
  hidden: number; array: number; string: number; object: number; code: number; closure: number;
  regexp: number; number: number; native: number; synthetic: number; concatenatedString: number;
  slicedString: number; symbol: number; bigint: number; objectShape: number;
}

/** Each edge type's index in meta.edgeTypes, -1 where the snapshot lacks it (see resolveEdgeTypeIds). */
export interface EdgeTypeIds {
  context: number; element: number; property: number; internal: number; hidden: number;
  shortcut: number; weak: number;
}
