/**
 * Entry of the graph helper thread (dist/graphThread.js), started by startGraphThread: it serves
 * GraphThreadApi on its parent port, reading the parser's shared columns and writing its results
 * into shared memory.
 */
import { parentPort } from 'node:worker_threads';
import { ClientMessage, MessagePortLike, ServerMessage } from '../../protocol/rpc';
import { serveRpc } from '../../protocol/rpcServer';
import { ChunkedStringTable } from '../snapshot/chunkedStringTable';
import { ParsedSnapshot, SnapshotLocations } from '../snapshot/parsedSnapshot';
import { buildClassIndex } from '../analysis/classIndex';
import { topObjectsByRetainedSize } from '../analysis/topObjects';
import { releaseMemory } from '../memory/releaseMemory';
import { markPageObjects } from '../graph/markPageObjects';
import { retainerEdgesInPlace } from '../graph/retainerEdgesInPlace';
import { NODE_FLAG_PAGE_OBJECT } from '../graph/heapGraph';
import { readEdgeSection } from '../snapshot/readEdgeSection';
import { EdgesHead } from '../snapshot/edgesHead';
import { computeDistances } from '../graph/computeDistances';
import { computeShallowSizes } from '../graph/computeShallowSizes';
import { hasUserRoots } from '../graph/userRoots';
import { GraphThreadApi, SharedSnapshot } from './graphThreadApi';
import { StringMarks } from '../graph/stringMarks';
import { resolveEdgeTypeIds, resolveNodeTypeIds } from '../graph/typeIds';

/** The parsed snapshot over the shared columns (the locations only for the steps that read them). */
function parsedOf(shared: SharedSnapshot, locations?: SnapshotLocations): ParsedSnapshot {
  const empty = new Uint32Array(0);
  return {
    ...shared.columns,
    strings: ChunkedStringTable.fromParts(shared.strings),
    locations: locations ?? { count: 0, nodeOrdinal: empty, scriptId: empty, line: empty, column: empty },
  };
}

/** The last call queued: the next one starts when it has settled. */
let previous: Promise<unknown> = Promise.resolve();

/**
 * One call at a time, in the order they came, with a collection between: run side by side
 * their temporaries would add up, and the thread works during the engine's peak of memory.
 */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = previous.then(work);
  previous = run.then(releaseMemory, releaseMemory);
  return run;
}

/** The startEdges under way, for takeOverEdges; the last readingId started; take-overs asked for first. */
let reading: EdgesHead | null = null;
let started = 0;
const earlyStops = new Map<number, EdgesHead>();

/** GraphThreadApi as the thread serves it: each step on the shared columns, its results in shared memory. */
const graphThread: GraphThreadApi = {
  startEdges: (request, ctx) => oneAtATime(async () => {
    const head = earlyStops.get(request.readingId) ?? new EdgesHead(request.readingId);
    earlyStops.clear();
    started = Math.max(started, request.readingId);
    reading = head;
    try {
      return await readEdgeSection(request, {
        onProgress: (done, total) => ctx.progress('edges', done, total),
        signal: ctx.signal,
        checkpoint: () => ctx.checkpoint(),
      }, head);
    } finally {
      reading = null;
    }
  }),

  // Answered between two chunks of that reading: the thread runs one piece of JS at a time, so
  // what `fed` says is where the reading is.
  takeOverEdges: async ({ readingId, ...take }) => {
    if (reading?.id === readingId) return reading.takeOver(take.end, take.share, take.minBytes);
    if (readingId <= started) return null;
    // Queued behind other work: it will read nothing before it sees this.
    const early = new EdgesHead(readingId);
    early.fed = take.from;
    const at = early.takeOver(take.end, take.share, take.minBytes);
    if (at !== null) earlyStops.set(readingId, early);
    return at;
  },

  pageObjects: ({ flags, scratch, ...shared }, ctx) => oneAtATime(async () => {
    const parsed = parsedOf(shared);
    const { meta } = parsed;
    await markPageObjects(parsed, resolveNodeTypeIds(meta), resolveEdgeTypeIds(meta), new StringMarks(parsed.strings), shared.root, flags, {
      checkpoint: () => ctx.checkpoint(),
    }, scratch);
    let count = 0;
    for (let v = 0; v < flags.length; v++) count += flags[v] & NODE_FLAG_PAGE_OBJECT;
    return count;
  }),

  retainerEdges: ({ firstRetainer, slots, cursor, ...shared }, ctx) => oneAtATime(() =>
    retainerEdgesInPlace(parsedOf(shared), firstRetainer, slots, cursor, { checkpoint: () => ctx.checkpoint() })),

  shallowSizes: ({ scratch, into, ...shared }, ctx) => oneAtATime(async () => {
    const parsed = parsedOf(shared);
    const { meta } = parsed;
    const types = resolveNodeTypeIds(meta);
    const marks = new StringMarks(parsed.strings);
    const userRoots = hasUserRoots(parsed, types, marks, shared.root);
    return computeShallowSizes(parsed, types, resolveEdgeTypeIds(meta), marks, shared.root, userRoots, {
      checkpoint: () => ctx.checkpoint(),
    }, scratch, into);
  }),

  distances: ({ scratch, into, ...shared }, ctx) => oneAtATime(async () => {
    const parsed = parsedOf(shared);
    const { meta } = parsed;
    const marks = new StringMarks(parsed.strings);
    return computeDistances(parsed, resolveNodeTypeIds(meta), resolveEdgeTypeIds(meta), marks, shared.root, {
      checkpoint: () => ctx.checkpoint(),
    }, scratch, into);
  }),

  topObjects: ({ retainedSize, limit, ...shared }) => oneAtATime(async () => {
    const parsed = parsedOf(shared);
    return topObjectsByRetainedSize({ ...parsed, retainedSize, root: shared.root, types: resolveNodeTypeIds(parsed.meta) }, limit);
  }),

  classIndex: ({ into, ...shared }, ctx) => oneAtATime(async () => {
    const parsed = parsedOf(shared, shared.locations);
    const typed = { ...parsed, types: resolveNodeTypeIds(parsed.meta), edgeTypes: resolveEdgeTypeIds(parsed.meta) };
    return buildClassIndex(typed, () => ctx.checkpoint(), into.subarray(0, parsed.nodeCount));
  }),
};

const port = parentPort;
if (port) {
  const rpcPort: MessagePortLike<ClientMessage<GraphThreadApi>, ServerMessage> = {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => {
      const handler = (message: ClientMessage<GraphThreadApi>) => listener(message);
      port.on('message', handler);
      return () => port.off('message', handler);
    },
  };
  serveRpc<GraphThreadApi>(graphThread, rpcPort);
}
