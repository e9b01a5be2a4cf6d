import { buildHeapGraph } from '../../../src/engine/graph/buildHeapGraph';
import { HeapGraph } from '../../../src/engine/graph/heapGraph';
import { SnapshotBuilder, parsedFromJson } from '../snapshotBuilder';

/** The analysed graph of a builder snapshot, without going through the parser. */
export async function graphOf(builder: SnapshotBuilder): Promise<HeapGraph> {
  return buildHeapGraph(parsedFromJson(builder.toJson()), {});
}

/** Node ordinal with this snapshot id (test graphs are small). */
export function ordinalOfId(graph: HeapGraph, id: number): number {
  const i = graph.nodeId.indexOf(id);
  if (i < 0) throw new Error(`no node with id ${id}`);
  return i;
}

export const noPause = async (): Promise<void> => {};
