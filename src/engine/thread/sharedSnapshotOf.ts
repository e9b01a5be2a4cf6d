import { ChunkedStringTable } from '../snapshot/chunkedStringTable';
import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { isShared } from '../memory/sharedArrays';
import { SharedSnapshot } from './graphThreadApi';

/**
 * The parsed snapshot as the graph thread takes it, or null when some column is not shared
 * memory (a snapshot built in a test from JSON, say): posting it would copy, so the caller
 * keeps the work instead.
 */
export function sharedSnapshotOf(parsed: ParsedSnapshot, root: number): SharedSnapshot | null {
  const { strings, locations, allocationTraces, ...columns } = parsed;
  void locations;
  void allocationTraces;
  if (!(strings instanceof ChunkedStringTable)) return null;
  const views = [
    columns.nodeType, columns.nodeName, columns.nodeId, columns.nodeSelfSize, columns.firstEdge,
    columns.edgeType, columns.edgeNameOrIndex, columns.edgeToNode, ...(columns.nodeDetachedness ? [columns.nodeDetachedness] : []),
  ];
  const parts = strings.parts();
  if (!views.every(isShared) || !parts.chunks.every(isShared) || !isShared(parts.offsets)) return null;
  return { columns, strings: parts, root };
}
