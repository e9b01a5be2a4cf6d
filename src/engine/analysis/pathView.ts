import { HeapGraph } from '../graph/heapGraph';
import { PathStep, RetainerPath } from '../../protocol/engineApi';
import { edgeLabel } from './edgeLabel';
import { nodeName, nodeTypeName } from './nodeRow';
import { RawPath } from './retainerPaths';

/**
 * Turns a raw path into what users read: the root is the last of the leading synthetic nodes
 * (e.g. "(Global handles)"; "(root)" when the path leaves the synthetic root directly, as the
 * global object's shortcut does); every later edge is a step with plain words. A closure's
 * `context` edge is remembered so captured variables name the closure the path came through,
 * also across `previous` links to outer scopes.
 */
export function pathView(graph: HeapGraph, path: RawPath): RetainerPath {
  let start = 0;
  while (start + 1 < path.nodes.length - 1 && graph.nodeType[path.nodes[start + 1]] === graph.types.synthetic) start++;
  const rootNode = path.nodes[start];
  const steps: PathStep[] = [];
  let viaClosure: number | null = null;
  const internal = graph.edgeTypes.internal;
  for (let i = start; i < path.edges.length; i++) {
    const edge = path.edges[i];
    const from = path.nodes[i];
    const to = path.nodes[i + 1];
    const rawName = graph.edgeNameOrIndex[edge];
    const type = graph.edgeType[edge];
    const named = type !== graph.edgeTypes.element && type !== graph.edgeTypes.hidden;
    const edgeName = named ? graph.strings.get(rawName) : String(rawName);
    steps.push({
      edge: edgeName,
      type: graph.meta.edgeTypes[type] ?? 'unknown',
      label: edgeLabel(graph, edge, from, viaClosure),
      id: graph.nodeId[to],
      name: nodeName(graph, to),
      nodeType: nodeTypeName(graph, to),
      selfSize: graph.nodeSelfSize[to],
      retainedSize: graph.retainedSize[to],
    });
    if (type === internal && edgeName === 'context' && graph.nodeType[from] === graph.types.closure) viaClosure = from;
    else if (!(type === internal && edgeName === 'previous')) viaClosure = null;
  }
  return {
    root: { id: graph.nodeId[rootNode], name: rootNode === graph.root ? '(root)' : nodeName(graph, rootNode) },
    steps,
    internal: path.internal,
  };
}
