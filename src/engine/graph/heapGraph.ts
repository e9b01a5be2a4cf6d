import { ParsedSnapshot } from '../snapshot/parsedSnapshot';

/**
 * The analysed graph: the parsed columns plus everything derived from them, all typed arrays
 * indexed by node ordinal or edge ordinal (see ParsedSnapshot). Built once per snapshot by
 * `buildHeapGraph`; read-only afterwards. Anything object-shaped over it is a thin view.
 */
export interface HeapGraph extends ParsedSnapshot {
  /** Node ordinal of the synthetic root (meta.rootOrdinal). */
  readonly root: number;

  /** Enum values resolved once from meta, -1 where the snapshot lacks that type. */
  readonly types: NodeTypeIds;
  readonly edgeTypes: EdgeTypeIds;

  /** nodeCount + 1 entries; node i's retainers are [firstRetainer[i], firstRetainer[i+1]). */
  readonly firstRetainer: Uint32Array;
  /** Per retainer slot: the retaining edge's ordinal. */
  readonly retainerEdge: Uint32Array;
  /** Per retainer slot: the retaining node's ordinal. */
  readonly retainerNode: Uint32Array;

  /** BFS distance from the root over non-weak edges; UNREACHABLE where not reached. */
  readonly distance: Uint32Array;
  /** Immediate dominator's node ordinal; the root dominates itself. */
  readonly dominator: Uint32Array;
  /** Retained size, equal to Chrome DevTools' for every node. */
  readonly retainedSize: Float64Array;
  /** nodeCount + 1 entries: node i's children in the dominator tree are
   * dominatedNodes[firstDominated[i] .. firstDominated[i+1]). */
  readonly firstDominated: Uint32Array;
  readonly dominatedNodes: Uint32Array;
}

export const UNREACHABLE = 0xffffffff;

export interface NodeTypeIds {
  hidden: number; array: number; string: number; object: number; code: number; closure: number;
  regexp: number; number: number; native: number; synthetic: number; concatenatedString: number;
  slicedString: number; symbol: number; bigint: number; objectShape: number;
}

export interface EdgeTypeIds {
  context: number; element: number; property: number; internal: number; hidden: number;
  shortcut: number; weak: number;
}
