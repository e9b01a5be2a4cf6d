import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping';
import { CdpTransport } from './cdpTransport';
import type { NodeProtocolMapping } from './nodeProtocol';
import { InspectorError } from './inspectorError';
import { OpenWebSocketOptions, openWebSocketTransport } from './webSocketTransport';
import { ErrorCode } from '../protocol/errorCode';

/** Chrome's domains (devtools-protocol) and Node's own (nodeProtocol.ts). */
type Commands = ProtocolMapping.Commands & NodeProtocolMapping.Commands;
type Events = ProtocolMapping.Events & NodeProtocolMapping.Events;
/** A CDP command name, checked against devtools-protocol: a typo is a compile error. */
export type CdpMethod = keyof Commands;
export type CdpParams<M extends CdpMethod> = Commands[M]['paramsType'] extends [(infer P)?] ? P : never;
export type CdpResult<M extends CdpMethod> = Commands[M]['returnType'];
export type CdpEvent = keyof Events;
export type CdpEventParams<E extends CdpEvent> = Events[E] extends [infer P] ? P : undefined;

export interface SendOptions {
  /** Reject with ETIMEDOUT if no answer comes in this long. Default: the connection's timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** An error answer from the target (or a failure on the way), naming the method. */
export class CdpError extends InspectorError {
  readonly method: CdpMethod;
  /** The CDP error code when the target answered with one (e.g. -32000). */
  readonly cdpCode: number | undefined;
  constructor(
    code: InspectorError['code'],
    method: CdpMethod,
    message: string,
    callerStack: string | undefined,
    cdpCode?: number,
  ) {
    super(code, `${method}: ${message}`);
    this.name = 'CdpError';
    this.method = method;
    this.cdpCode = cdpCode;
    // Point at whoever sent the command, not at the socket handler that read the answer.
    if (callerStack) this.stack = `${this.name}: ${this.message}\n${callerStack.split('\n').slice(2).join('\n')}`;
  }
}

interface Pending {
  method: CdpMethod;
  resolve(result: unknown): void;
  reject(error: Error): void;
  callerStack: string | undefined;
  timer: NodeJS.Timeout | undefined;
  cleanup(): void;
}

type IncomingMessage =
  | { id: number; result?: unknown; error?: { code: number; message: string; data?: string } }
  | { method: string; params?: unknown };

/**
 * One CDP session over a transport. Commands and events are typed from devtools-protocol's
 * ProtocolMapping. Construct it from any transport, or with `CdpConnection.open(wsUrl)` from any
 * WebSocket URL (a Node inspector, or a CDP proxy such as js-debug's requestCDPProxy).
 */
export class CdpConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(params: unknown) => void>>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private closeReason: string | undefined;
  /** Default per-command timeout. */
  timeoutMs: number;

  static async open(url: string, options: OpenWebSocketOptions & { commandTimeoutMs?: number } = {}): Promise<CdpConnection> {
    return new CdpConnection(await openWebSocketTransport(url, options), url, options.commandTimeoutMs);
  }

  constructor(
    readonly transport: CdpTransport,
    /** Where this connection goes, for messages. */
    readonly endpoint: string,
    timeoutMs = 10_000,
  ) {
    this.timeoutMs = timeoutMs;
    transport.onMessage((text) => this.receive(text));
    transport.onClose((reason) => this.closedBy(reason));
  }

  get closed(): boolean {
    return this.closeReason !== undefined;
  }

  send<M extends CdpMethod>(method: M, params: CdpParams<M>, options: SendOptions = {}): Promise<CdpResult<M>> {
    const callerStack = new Error().stack;
    return new Promise<CdpResult<M>>((resolve, reject) => {
      if (this.closeReason !== undefined) {
        reject(new CdpError(ErrorCode.Exited, method, `connection closed (${this.closeReason})`, callerStack));
        return;
      }
      if (options.signal?.aborted) {
        reject(new CdpError(ErrorCode.Cancelled, method, 'cancelled', callerStack));
        return;
      }
      const id = this.nextId++;
      const timeoutMs = options.timeoutMs ?? this.timeoutMs;
      const onAbort = () => this.settle(id, new CdpError(ErrorCode.Cancelled, method, 'cancelled', callerStack));
      const pending: Pending = {
        method,
        resolve: (result) => resolve(result as CdpResult<M>),
        reject,
        callerStack,
        timer:
          timeoutMs > 0 && Number.isFinite(timeoutMs)
            ? setTimeout(
                () =>
                  this.settle(
                    id,
                    new CdpError(ErrorCode.TimedOut, method, `no answer from ${this.endpoint} within ${timeoutMs} ms: the target's main thread seems blocked`, callerStack),
                  ),
                timeoutMs,
              )
            : undefined,
        cleanup: () => options.signal?.removeEventListener('abort', onAbort),
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, pending);
      this.transport.send(JSON.stringify({ id, method, params: params ?? {} }));
    });
  }

  /** Sends without waiting for the answer: for the last words before disconnecting. */
  post<M extends CdpMethod>(method: M, params: CdpParams<M>): void {
    if (this.closeReason === undefined) this.transport.send(JSON.stringify({ id: this.nextId++, method, params: params ?? {} }));
  }

  /** Subscribes to an event; returns an unsubscribe function. */
  on<E extends CdpEvent>(event: E, listener: (params: CdpEventParams<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (params: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  /** Called once when the connection closes (by us, by the target, or because it exited). */
  onClose(listener: (reason: string) => void): () => void {
    if (this.closeReason !== undefined) {
      const reason = this.closeReason;
      queueMicrotask(() => listener(reason));
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.transport.close();
    this.closedBy('closed by heapscope');
  }

  private settle(id: number, error: Error | undefined, result?: unknown): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (p.timer) clearTimeout(p.timer);
    p.cleanup();
    if (error) p.reject(error);
    else p.resolve(result);
  }

  private receive(text: string): void {
    let message: IncomingMessage;
    try {
      message = JSON.parse(text) as IncomingMessage;
    } catch {
      return; // Not CDP; nothing sensible to do with it.
    }
    if ('id' in message && typeof message.id === 'number') {
      const p = this.pending.get(message.id);
      if (!p) return;
      if (message.error) {
        const detail = message.error.data ? ` (${message.error.data})` : '';
        this.settle(message.id, new CdpError(ErrorCode.Cdp, p.method, `${message.error.message}${detail}`, p.callerStack, message.error.code));
      } else {
        this.settle(message.id, undefined, message.result);
      }
      return;
    }
    if ('method' in message && typeof message.method === 'string') {
      const set = this.listeners.get(message.method);
      if (set) for (const l of [...set]) l(message.params);
    }
  }

  private closedBy(reason: string): void {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    for (const [id, p] of [...this.pending]) {
      this.settle(id, new CdpError(ErrorCode.Exited, p.method, `connection to ${this.endpoint} closed (${reason}) before the answer came`, p.callerStack));
    }
    for (const l of this.closeListeners) l(reason);
    this.closeListeners.clear();
  }
}
