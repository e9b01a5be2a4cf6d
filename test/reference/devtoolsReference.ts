/**
 * Chrome DevTools' own heap snapshot worker, run in Node, as the independent reference our graph
 * and analysis are checked against (and the peer the benchmarks time).
 *
 * In-process use (tests, bench):
 *
 *   import { loadWithDevTools, DEVTOOLS_NO_DISTANCE } from '../reference/devtoolsReference';
 *   const ref = await loadWithDevTools(file, { aggregates: true });
 *   ref.byId.get(id)          // { retainedSize, distance, dominatorId, selfSize } as DevTools has them
 *   ref.ids / ref.retainedSize / ref.distance / ref.dominator / ref.selfSize   // columns by ordinal
 *   ref.aggregates            // the Summary view's rows: one per class key (name, count, self, retained)
 *   ref.loadMs                // wall time of DevTools' parse + full initialisation
 *
 * Out of process (e.g. to measure its peak RSS on its own):
 *
 *   node --import tsx test/reference/devtoolsReference.ts FILE [--aggregates]
 *   → one JSON line {nodeCount, loadMs, rootRetainedSize, classes?} on stdout
 *
 * Semantics worth knowing: `selfSize` is DevTools' shallow size (internal arrays folded into
 * their owner), not V8's raw self_size; `distance` is DevTools' (user roots at 1, system-only
 * nodes from 100000000, DEVTOOLS_NO_DISTANCE = -5 where unreached). Each aggregate's `retained`
 * is DevTools' class retained size (sum over instances not dominated by another instance of the
 * same class); `key` is DevTools' class key (the name, or "scriptId,line,col,name" for objects
 * with a location). The bundle is built on first use by devToolsBundle().
 */
import { createReadStream } from 'node:fs';
import { MessageChannel, MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { devToolsBundle } from './devToolsBundle';

export const DEVTOOLS_NO_DISTANCE = -5;

export interface DevToolsNode {
  retainedSize: number;
  distance: number;
  dominatorId: number;
  selfSize: number;
}

export interface DevToolsAggregate {
  key: string;
  name: string;
  count: number;
  self: number;
  retained: number;
  distance: number;
}

export interface DevToolsResult {
  nodeCount: number;
  /** Per ordinal (file order), as DevTools computed them. */
  ids: Float64Array;
  selfSize: Float64Array;
  retainedSize: Float64Array;
  distance: Int32Array;
  /** Ordinal of the immediate dominator. */
  dominator: Uint32Array;
  rootOrdinal: number;
  /** By V8 node id; built on first access. */
  readonly byId: Map<number, DevToolsNode>;
  aggregates?: DevToolsAggregate[];
  /** What DevTools reported about unreachable nodes while building dominators. */
  problems: string[];
  loadMs: number;
}

// The slice of the bundle's API this harness touches; the bundle itself is untyped JS.
interface DtLoader {
  write(chunk: string): void;
  close(): void;
  buildSnapshot(port: MessagePort): Promise<DtSnapshot>;
}
interface DtSnapshot {
  nodeCount: number;
  nodeFieldCount: number;
  nodeIdOffset: number;
  nodeSelfSizeOffset: number;
  rootNodeIndex: number;
  nodes: { getValue(index: number): number };
  retainedSizes: Float64Array;
  nodeDistances: Int32Array;
  dominatorsTree: Uint32Array;
  aggregatesWithFilter(filter: object): Record<string, { count: number; distance: number; self: number; maxRet: number; name: string }>;
}
interface DtModule {
  Loader: { HeapSnapshotLoader: new (dispatcher: { sendEvent(name: string, data: unknown): void }) => DtLoader };
  Snapshot: { SecondaryInitManager: new (port: MessagePort) => unknown };
}

let modulePromise: Promise<DtModule> | undefined;
function devTools(): Promise<DtModule> {
  modulePromise ??= devToolsBundle().then((file) => import(pathToFileURL(file).href) as Promise<DtModule>);
  return modulePromise;
}

export async function loadWithDevTools(file: string, options: { aggregates?: boolean } = {}): Promise<DevToolsResult> {
  const dt = await devTools();
  const started = performance.now();
  const loader = new dt.Loader.HeapSnapshotLoader({ sendEvent() {} });
  // DevTools splits its work over two workers joined by a port; both ends live here.
  const { port1, port2 } = new MessageChannel();
  new dt.Snapshot.SecondaryInitManager(port2);
  const problems: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => { problems.push(args.map(String).join(' ')); };
  let snap: DtSnapshot;
  try {
    const building = loader.buildSnapshot(port1);
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      loader.write(chunk as string);
    }
    loader.close();
    snap = await building;
  } finally {
    console.warn = warn;
    port1.close();
    port2.close();
  }
  const loadMs = performance.now() - started;

  const n = snap.nodeCount;
  const ids = new Float64Array(n);
  const selfSize = new Float64Array(n);
  const distance = Int32Array.from(snap.nodeDistances);
  const dominator = Uint32Array.from(snap.dominatorsTree);
  const retainedSize = Float64Array.from(snap.retainedSizes);
  for (let i = 0; i < n; i++) {
    ids[i] = snap.nodes.getValue(i * snap.nodeFieldCount + snap.nodeIdOffset);
    selfSize[i] = snap.nodes.getValue(i * snap.nodeFieldCount + snap.nodeSelfSizeOffset);
  }
  let aggregates: DevToolsAggregate[] | undefined;
  if (options.aggregates) {
    aggregates = Object.entries(snap.aggregatesWithFilter({})).map(([key, a]) => ({
      key, name: a.name, count: a.count, self: a.self, retained: a.maxRet, distance: a.distance,
    }));
  }
  let byId: Map<number, DevToolsNode> | undefined;
  return {
    nodeCount: n, ids, selfSize, retainedSize, distance, dominator,
    rootOrdinal: snap.rootNodeIndex / snap.nodeFieldCount,
    get byId() {
      if (!byId) {
        byId = new Map();
        for (let i = 0; i < n; i++) {
          byId.set(ids[i], { retainedSize: retainedSize[i], distance: distance[i], dominatorId: ids[dominator[i]], selfSize: selfSize[i] });
        }
      }
      return byId;
    },
    aggregates, problems, loadMs,
  };
}

if (require.main === module) {
  const [file, ...flags] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node --import tsx test/reference/devtoolsReference.ts FILE [--aggregates]');
    process.exit(2);
  }
  loadWithDevTools(file, { aggregates: flags.includes('--aggregates') }).then((r) => {
    const classes = r.aggregates?.map(({ name, count, self, retained }) => ({ name, count, selfSize: self, retainedSize: retained }));
    console.log(JSON.stringify({ nodeCount: r.nodeCount, loadMs: Math.round(r.loadMs), rootRetainedSize: r.retainedSize[r.rootOrdinal], classes }));
  }, (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
