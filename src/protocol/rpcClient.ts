import {
  CallOptions, ClientMessage, MessagePortLike, ParamsOf, Remote, ResultOf, RpcError, ServerMessage,
} from './rpc';
import { ErrorCode } from './errorCode';

interface Pending {
  method: string;
  stack: string | undefined;
  resolve(value: unknown): void;
  reject(error: Error): void;
  options: CallOptions | undefined;
  cleanup(): void;
}

/**
 * Builds a `Remote<T>` over a port. The method names come from the keys of `T` at the call
 * site, so a misspelt method is a compile error, never a string that fails at run time.
 */
export function createRpcClient<T>(port: MessagePortLike<ServerMessage, ClientMessage<T>>): {
  remote: Remote<T>;
  /** Rejects every call in flight, e.g. when the worker died. */
  failAll(error: Error): void;
  dispose(): void;
} {
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const unsubscribe = port.onMessage((message) => {
    const call = pending.get(message.id);
    if (!call) return;
    switch (message.kind) {
      case 'progress':
        call.options?.onProgress?.(message.event);
        return;
      case 'response':
        pending.delete(message.id);
        call.cleanup();
        if ('ok' in message.result) call.resolve(message.result.ok);
        else call.reject(new RpcError(call.method, message.result.err, call.stack));
        return;
      default: {
        const never: never = message;
        throw new Error(`unknown server message ${JSON.stringify(never)}`);
      }
    }
  });

  function call<K extends keyof T>(method: K, params: ParamsOf<T[K]>, options?: CallOptions): Promise<ResultOf<T[K]>> {
    const id = nextId++;
    const stack = new Error().stack;
    return new Promise<ResultOf<T[K]>>((resolve, reject) => {
      const signal = options?.signal;
      const onAbort = () => port.postMessage({ kind: 'cancel', id });
      if (signal?.aborted) {
        reject(new RpcError(String(method), { message: 'cancelled', code: ErrorCode.Cancelled }, stack));
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        method: String(method),
        stack,
        resolve: resolve as (value: unknown) => void,
        reject,
        options,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      port.postMessage({ kind: 'request', id, method, params } as ClientMessage<T>);
    });
  }

  const remote = new Proxy({} as Remote<T>, {
    get: (_target, key) => (params: never, options?: CallOptions) => call(key as keyof T, params, options),
  });

  return {
    remote,
    failAll(error) {
      for (const [id, p] of pending) {
        pending.delete(id);
        p.cleanup();
        p.reject(new RpcError(p.method, { message: error.message, code: ErrorCode.Worker }, p.stack));
      }
    },
    dispose() {
      unsubscribe();
    },
  };
}
