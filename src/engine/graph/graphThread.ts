import { parentPort } from 'node:worker_threads';
import { ClientMessage, MessagePortLike, ServerMessage } from '../../rpc/rpc';
import { serveRpc } from '../../rpc/rpcServer';
import { ChunkedStringTable } from '../snapshot/chunkedStringTable';
import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { sharedUint32 } from '../snapshot/sharedArrays';
import { computeDistances } from './computeDistances';
import { GraphThreadApi, SharedSnapshot } from './graphThreadApi';
import { StringMarks } from './stringMarks';
import { resolveEdgeTypeIds, resolveNodeTypeIds } from './typeIds';

/**
 * Entry of the graph helper thread (dist/graphThread.js), started by startGraphThread. It reads
 * the parser's shared columns and writes its results into shared memory.
 */
function parsedOf(shared: SharedSnapshot): ParsedSnapshot {
  const empty = new Uint32Array(0);
  return {
    ...shared.columns,
    strings: ChunkedStringTable.fromParts(shared.strings),
    locations: { count: 0, nodeOrdinal: empty, scriptId: empty, line: empty, column: empty },
  };
}

const graphThread: GraphThreadApi = {
  async distances(shared, ctx) {
    const parsed = parsedOf(shared);
    const { meta } = parsed;
    const into = sharedUint32(parsed.nodeCount);
    const marks = new StringMarks(parsed.strings);
    return computeDistances(parsed, resolveNodeTypeIds(meta), resolveEdgeTypeIds(meta), marks, shared.root, {
      checkpoint: () => ctx.checkpoint(),
    }, undefined, into);
  },
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
