/**
 * A heap-shaped ParsedSnapshot of any size, built straight into typed columns (no file, no
 * parser), so the graph build can be timed alone at 900 MB-snapshot scale. Shape, calibrated on
 * a real 250 MB snapshot of bench/realisticHeap.cjs (3.2 M nodes: 76% of nodes have exactly one
 * retainer, 58% of edges point into the 0.1% most-referenced nodes such as maps, prototypes and
 * shared strings): a synthetic root with "(GC roots)" and a shortcut to a user global; nodes in
 * discovery order, each reached by one tree edge (so everything is reachable); extra edges go
 * `hubShare` of the time to a small set of hub nodes, else mostly to nearby ordinals and 5% to
 * any node (shared objects, cycles); 5% of extra edges are weak. `hubShare` 0 gives the worst
 * case for caches: ~30% of edges to uniformly random nodes.
 */
import { ParsedSnapshot, StringTable } from '../src/engine/snapshot/parsedSnapshot';
import { EDGE_TYPES, NODE_TYPES } from '../test/engine/snapshotBuilder';

const NAMES = ['', '(GC roots)', 'global', 'Object', 'Array', 'system / Context', 'Session', 'Map', 'x', 'next', 'map', 'elements'];

export function syntheticParsedSnapshot(nodeCount: number, edgesPerNode: number, hubShare = 0.9, seed = 1): ParsedSnapshot {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const T = (name: string) => NODE_TYPES.indexOf(name as (typeof NODE_TYPES)[number]);
  const E = (name: string) => EDGE_TYPES.indexOf(name as (typeof EDGE_TYPES)[number]);
  const kinds = [T('object'), T('object'), T('object'), T('array'), T('hidden'), T('string'), T('closure'), T('code')];
  const edgeKinds = [E('property'), E('property'), E('element'), E('internal'), E('context'), E('hidden')];
  const maxEdges = Math.ceil(nodeCount * edgesPerNode) + 4;

  const nodeType = new Uint8Array(nodeCount);
  const nodeName = new Uint32Array(nodeCount);
  const nodeId = new Uint32Array(nodeCount);
  const nodeSelfSize = new Uint32Array(nodeCount);
  const firstEdge = new Uint32Array(nodeCount + 1);
  const edgeType = new Uint8Array(maxEdges);
  const edgeNameOrIndex = new Uint32Array(maxEdges);
  const edgeToNode = new Uint32Array(maxEdges);

  let e = 0;
  const add = (to: number, type: number, name: number) => {
    if (e >= maxEdges) return;
    edgeType[e] = type;
    edgeNameOrIndex[e] = name;
    edgeToNode[e++] = to;
  };
  let nextChild = 3;
  const hubs = Math.max(1, Math.floor(nodeCount / 1000));
  for (let i = 0; i < nodeCount; i++) {
    firstEdge[i] = e;
    nodeId[i] = i * 2 + 1;
    if (i === 0) {
      nodeType[i] = T('synthetic');
      add(1, E('element'), 1);
      add(2, E('shortcut'), 2);
      continue;
    }
    if (i === 1) {
      nodeType[i] = T('synthetic');
      nodeName[i] = 1;
      for (let k = 0; k < 20 && nextChild < nodeCount; k++) add(nextChild++, E('element'), k);
      continue;
    }
    nodeType[i] = i === 2 ? T('object') : kinds[Math.floor(rnd() * kinds.length)];
    nodeName[i] = 3 + Math.floor(rnd() * (NAMES.length - 3));
    nodeSelfSize[i] = 16 + Math.floor(rnd() * 8) * 8;
    // Tree edges: on average one child per node, so the tree spans everything.
    const children = rnd() < 0.5 ? 0 : 2;
    for (let k = 0; k < children && nextChild < nodeCount; k++) add(nextChild++, edgeKinds[k], 9);
    const extra = Math.max(0, Math.round((edgesPerNode - 1) * 2 * rnd()));
    for (let k = 0; k < extra; k++) {
      const r = rnd();
      const far = hubShare > 0 ? r < hubShare + 0.05 * (1 - hubShare) : r < 0.2;
      // Hubs: every 1000th node, Zipf-like (squaring favours the first ones).
      const to = hubShare > 0 && r < hubShare ? Math.min(nodeCount - 1, 3 + 1000 * Math.floor(rnd() * rnd() * hubs))
        : far ? Math.floor(rnd() * nodeCount) : Math.max(0, Math.min(nodeCount - 1, i + Math.floor((rnd() - 0.3) * 200)));
      add(to, rnd() < 0.05 ? E('weak') : edgeKinds[Math.floor(rnd() * edgeKinds.length)], 10 + (k & 1));
    }
  }
  firstEdge[nodeCount] = e;
  const strings: StringTable = {
    count: NAMES.length,
    get(index: number) {
      if (index >= NAMES.length) throw new RangeError(`string ${index} out of range`);
      return NAMES[index];
    },
  };
  return {
    meta: {
      nodeFields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
      nodeTypes: [...NODE_TYPES], edgeFields: ['type', 'name_or_index', 'to_node'], edgeTypes: [...EDGE_TYPES],
      locationFields: ['object_index', 'script_id', 'line', 'column'], rootOrdinal: 0,
    },
    nodeCount, edgeCount: e, nodeType, nodeName, nodeId, nodeSelfSize, firstEdge, nodeDetachedness: null,
    edgeType: edgeType.subarray(0, e), edgeNameOrIndex: edgeNameOrIndex.subarray(0, e), edgeToNode: edgeToNode.subarray(0, e),
    strings,
    locations: { count: 0, nodeOrdinal: new Uint32Array(0), scriptId: new Uint32Array(0), line: new Uint32Array(0), column: new Uint32Array(0) },
  };
}
