import {
  Api, CancelledError, ClientMessage, MessagePortLike, ServerMessage, TaskContext, errorToPayload,
} from './rpc';

/**
 * Serves an implementation of a boundary interface on a port. Progress is throttled so a tight
 * loop reporting every item cannot flood the channel.
 */
export function serveRpc<T extends Api<T>>(
  impl: T,
  port: MessagePortLike<ClientMessage<T>, ServerMessage>,
): () => void {
  const running = new Map<number, AbortController>();

  return port.onMessage((message) => {
    switch (message.kind) {
      case 'cancel':
        running.get(message.id)?.abort();
        return;
      case 'request': {
        const { id, method, params } = message;
        const controller = new AbortController();
        running.set(id, controller);
        let lastSent = 0;
        let lastYield = Date.now();
        const ctx: TaskContext = {
          signal: controller.signal,
          throwIfCancelled() {
            if (controller.signal.aborted) throw new CancelledError();
          },
          async checkpoint() {
            if (Date.now() - lastYield >= 50) {
              await new Promise<void>((resolve) => setImmediate(resolve));
              lastYield = Date.now();
            }
            if (controller.signal.aborted) throw new CancelledError();
          },
          progress(phase, done, total) {
            const now = Date.now();
            if (now - lastSent < 50 && done < total) return;
            lastSent = now;
            port.postMessage({ kind: 'progress', id, event: { phase, done, total } });
          },
        };
        const fn = impl[method] as unknown as (p: unknown, c: TaskContext) => Promise<unknown>;
        Promise.resolve()
          .then(() => fn.call(impl, params, ctx))
          .then(
            (ok) => port.postMessage({ kind: 'response', id, result: { ok } }),
            (error: unknown) => port.postMessage({ kind: 'response', id, result: { err: errorToPayload(error) } }),
          )
          .finally(() => running.delete(id));
        return;
      }
      default: {
        const never: never = message;
        throw new Error(`unknown client message ${JSON.stringify(never)}`);
      }
    }
  });
}
