import { HeapGraph, UNREACHABLE } from '../graph/heapGraph';
import { NodeRow } from '../../protocol/engineApi';

/** Names longer than this are cut: a string node's name is the string itself (maybe megabytes). */
export const MAX_NAME_LENGTH = 200;

export function nodeName(graph: HeapGraph, node: number): string {
  const name = graph.strings.get(graph.nodeName[node]);
  return name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH)}…` : name;
}

export function nodeTypeName(graph: HeapGraph, node: number): string {
  return graph.meta.nodeTypes[graph.nodeType[node]] ?? 'unknown';
}

/** A plain-data row for one node (ordinal), as the UI and the CLI show it. */
export function nodeRow(graph: HeapGraph, node: number): NodeRow {
  const d = graph.distance[node];
  return {
    id: graph.nodeId[node],
    name: nodeName(graph, node),
    type: nodeTypeName(graph, node),
    selfSize: graph.nodeSelfSize[node],
    retainedSize: graph.retainedSize[node],
    distance: d === UNREACHABLE ? null : d,
  };
}
