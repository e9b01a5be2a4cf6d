import { retainerOwner } from '../graph/retainerOwner';
import { HeapGraph, UNREACHABLE } from '../graph/heapGraph';
import { Page, RetainerRow } from '../../protocol/engineApi';
import { edgeLabel } from './edgeLabel';
import { nodeRow } from './nodeRow';

/**
 * One level of a node's retainers, closest to the roots first and weak ones last (the order a
 * user expands in), sliced in the engine.
 */
export function retainerRows(graph: HeapGraph, node: number, offset: number, limit: number): Page<RetainerRow> {
  const begin = graph.firstRetainer[node];
  const end = graph.firstRetainer[node + 1];
  const slots: number[] = [];
  for (let r = begin; r < end; r++) slots.push(r);
  const weak = graph.edgeTypes.weak;
  const rank = (r: number) => {
    const d = graph.distance[retainerOwner(graph, r)];
    return (graph.edgeType[graph.retainerEdge[r]] === weak ? 2 ** 33 : 0) + (d === UNREACHABLE ? 2 ** 32 : d);
  };
  slots.sort((a, b) => rank(a) - rank(b) || a - b);
  const start = Math.max(0, offset);
  const rows = slots.slice(start, start + Math.max(0, limit)).map((r) => {
    const edge = graph.retainerEdge[r];
    const from = retainerOwner(graph, r);
    const type = graph.edgeType[edge];
    const named = type !== graph.edgeTypes.element && type !== graph.edgeTypes.hidden;
    return {
      edge: named ? graph.strings.get(graph.edgeNameOrIndex[edge]) : String(graph.edgeNameOrIndex[edge]),
      edgeType: graph.meta.edgeTypes[type] ?? 'unknown',
      label: edgeLabel(graph, edge, from),
      from: nodeRow(graph, from),
    };
  });
  return { total: slots.length, offset: start, rows };
}
