import { GraphReader } from './graphReader';

/**
 * Collections in Node's own modules that Node bounds itself. They grow with the traffic of a
 * fresh process, so a short series sees them grow at every snapshot, but they stop at a fixed
 * size: reporting them would blame the user for Node's bookkeeping. Each entry names the
 * module-state variable (a context variable of a `node:` script, as the heap shows it) and the
 * bound Node applies; a collection past its bound is reported as usual.
 */
const NODE_BOUNDED: ReadonlyMap<string, number> = new Map([
  // node:internal/perf/observe keeps the resource timing entries of fetch() and friends until
  // the buffer holds 250 (performance.setResourceTimingBufferSize's default), then drops them.
  ['resourceTimingBuffer', 250],
]);

/** True when `node` is a collection Node bounds itself and it is within that bound. */
export function isNodeBoundedCollection(r: GraphReader, node: number, entries: number): boolean {
  const g = r.graph;
  let bounded = false;
  r.forEachRetainer(node, (from, edge) => {
    if (bounded || g.edgeType[edge] !== g.edgeTypes.context) return;
    const bound = NODE_BOUNDED.get(r.edgeName(edge));
    if (bound !== undefined && entries <= bound && r.isNodeInternalContext(from)) bounded = true;
  });
  return bounded;
}
