import { NodeIdIndex } from '../analysis/nodeIdIndex';
import { HeapGraph } from '../graph/heapGraph';
import { GraphReader } from './graphReader';

/**
 * One GraphReader and one id index per graph, shared by every detector of a run (and by later
 * runs on the same graphs) so the lazily built lookups are built once.
 */
const readers = new WeakMap<HeapGraph, GraphReader>();
const idIndexes = new WeakMap<HeapGraph, NodeIdIndex>();

export function readerFor(graph: HeapGraph): GraphReader {
  let r = readers.get(graph);
  if (!r) {
    r = new GraphReader(graph);
    readers.set(graph, r);
  }
  return r;
}

export function idIndexFor(graph: HeapGraph): NodeIdIndex {
  let x = idIndexes.get(graph);
  if (!x) {
    x = new NodeIdIndex(graph);
    idIndexes.set(graph, x);
  }
  return x;
}
