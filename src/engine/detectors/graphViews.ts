import { NodeIdIndex } from '../analysis/nodeIdIndex';
import { HeapGraph } from '../graph/heapGraph';
import { GraphReader } from './graphReader';

/**
 * One GraphReader and one id index per graph, shared by every detector of a run (and by later
 * runs on the same graphs) so the lazily built lookups are built once.
 */
export const readerFor = perGraph((graph) => new GraphReader(graph));
export const idIndexFor = perGraph((graph) => new NodeIdIndex(graph));

/** `make` called once per graph, its result kept as long as the graph lives. */
function perGraph<T>(make: (graph: HeapGraph) => T): (graph: HeapGraph) => T {
  const made = new WeakMap<HeapGraph, T>();
  return (graph) => {
    let x = made.get(graph);
    if (x === undefined) {
      x = make(graph);
      made.set(graph, x);
    }
    return x;
  };
}
