import WebSocket from 'ws';
import { CdpTransport } from './cdpTransport';
import { InspectorError } from './inspectorError';
import { ErrorCode } from '../protocol/errorCode';

export interface OpenWebSocketOptions {
  signal?: AbortSignal;
  /** Give up connecting after this long. Default 5000 ms. */
  timeoutMs?: number;
}

/** Opens a CDP transport over a WebSocket (`ws://host:port/id`, any inspector or CDP proxy). */
export function openWebSocketTransport(url: string, options: OpenWebSocketOptions = {}): Promise<CdpTransport> {
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise<CdpTransport>((resolve, reject) => {
    // perMessageDeflate off: Node's inspector does not compress, and inflating chunks costs memory.
    const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs, maxPayload: 512 * 1024 * 1024 });
    const fail = (error: Error) => {
      cleanup();
      socket.terminate();
      reject(error);
    };
    const onAbort = () => fail(new InspectorError(ErrorCode.Cancelled, `connecting to ${url} was cancelled`));
    const onError = (error: Error) =>
      fail(new InspectorError(ErrorCode.Connect, `cannot connect to the inspector at ${url}: ${error.message}`, { cause: error }));
    const onOpen = () => {
      cleanup();
      resolve(wrap(socket));
    };
    const cleanup = () => {
      socket.off('open', onOpen);
      socket.off('error', onError);
      options.signal?.removeEventListener('abort', onAbort);
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('open', onOpen);
    socket.on('error', onError);
  });
}

function wrap(socket: WebSocket): CdpTransport {
  let closed = false;
  let closeReason = '';
  const closeListeners = new Set<(reason: string) => void>();
  const closedPromise = new Promise<void>((resolve) => {
    socket.once('close', (code, reason) => {
      closed = true;
      closeReason = reason.length > 0 ? reason.toString() : `code ${code}`;
      for (const l of closeListeners) l(closeReason);
      resolve();
    });
  });
  // Errors after open are followed by 'close'; listening keeps them from being thrown.
  socket.on('error', () => undefined);
  return {
    send: (text) => socket.send(text),
    onMessage(listener) {
      const l = (data: WebSocket.RawData, isBinary: boolean) => {
        if (!isBinary) listener(data.toString());
      };
      socket.on('message', l);
      return () => socket.off('message', l);
    },
    onClose(listener) {
      if (closed) {
        queueMicrotask(() => listener(closeReason));
        return () => undefined;
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    async close() {
      if (!closed) {
        socket.close();
        // A peer whose main thread is blocked never answers the close frame: don't wait on it.
        const timer = setTimeout(() => socket.terminate(), 1000);
        await closedPromise;
        clearTimeout(timer);
      }
    },
    get closed() {
      return closed;
    },
  };
}
