import { ClientMessage, MessagePortLike, Remote, ServerMessage } from './rpc';
import { createRpcClient } from './rpcClient';

/** An RPC client of a worker (a child process, a worker thread) that can die under it. */
export interface WorkerClient<T> {
  readonly remote: Remote<T>;
  /**
   * The worker is gone: every call in flight fails with `error` (the first reason given wins),
   * and so does every call made afterwards, on the next tick like any other failure.
   */
  die(error: Error): void;
  /** Stops listening to the port (after `die`, for a worker being disposed). */
  dispose(): void;
}

/**
 * createRpcClient over a worker's port, with its death handled once for every worker: `send`
 * posts a message while the worker lives; after `die`, nothing is posted and calls fail at once
 * (RpcError, code EWORKER, the death's message) instead of waiting for an answer that never comes.
 */
export function createWorkerClient<T>(
  send: (message: ClientMessage<T>) => void,
  onMessage: MessagePortLike<ServerMessage, ClientMessage<T>>['onMessage'],
): WorkerClient<T> {
  let death: Error | null = null;
  const client = createRpcClient<T>({
    postMessage(message) {
      if (death) {
        // The call is registered by now; fail it (and any other) on the next tick.
        const error = death;
        queueMicrotask(() => client.failAll(error));
        return;
      }
      send(message);
    },
    onMessage,
  });
  return {
    remote: client.remote,
    die(error) {
      if (death) return;
      death = error;
      client.failAll(error);
    },
    dispose: () => client.dispose(),
  };
}
