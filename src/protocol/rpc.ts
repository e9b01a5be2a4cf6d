import { ErrorCode } from './errorCode';

/**
 * One typed request/response boundary, used by every process or frame boundary in Heapscope
 * (engine worker, webview). A boundary is declared once as an interface of async methods
 * `(params, ctx) => Promise<R>`; the message types below are derived from it, so a method that
 * does not exist or has the wrong params is a compile error on both sides.
 *
 * On the wire a result is `{ok}` or `{err}`; the client turns `{err}` into a thrown RpcError that
 * keeps the caller's stack. Progress events and cancellation travel on the same port.
 */

/** What a server-side method gets besides its params. */
export interface TaskContext {
  /** Report progress of the current call: `done` out of `total` in the named phase. */
  progress(phase: string, done: number, total: number): void;
  /** Aborted when the caller cancels; long loops should call `throwIfCancelled` now and then. */
  readonly signal: AbortSignal;
  throwIfCancelled(): void;
  /**
   * Yields to the event loop if the call has run for a while without doing so, then throws if
   * cancelled. A cancel message can only arrive while the loop is free, so long synchronous
   * phases await this every few thousand items.
   */
  checkpoint(): Promise<void>;
}

/** A method of a boundary interface: one params object, the context, a promise of the result. */
export type ApiMethod = (params: never, ctx: TaskContext) => Promise<unknown>;
export type Api<T> = { [K in keyof T]: T[K] extends ApiMethod ? T[K] : never };

export type ParamsOf<F> = F extends (params: infer P, ctx: TaskContext) => Promise<unknown> ? P : never;
export type ResultOf<F> = F extends (params: never, ctx: TaskContext) => Promise<infer R> ? R : never;

export interface ProgressEvent {
  phase: string;
  done: number;
  total: number;
}

export interface CallOptions {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
}

/** The client's view of a boundary: the same methods, with call options in place of the context. */
export type Remote<T> = {
  [K in keyof T]: (params: ParamsOf<T[K]>, options?: CallOptions) => Promise<ResultOf<T[K]>>;
};

export interface ErrorPayload {
  message: string;
  /** A stable machine-readable code where the server has one (an ErrorCode, e.g. ECANCELLED, EPARSE). */
  code?: string;
}

export type Result<R> = { ok: R } | { err: ErrorPayload };

export type RequestMessage<T> = {
  [K in keyof T]: { kind: 'request'; id: number; method: K; params: ParamsOf<T[K]> };
}[keyof T];

export type ServerMessage =
  | { kind: 'response'; id: number; result: Result<unknown> }
  | { kind: 'progress'; id: number; event: ProgressEvent };

export type ClientMessage<T> = RequestMessage<T> | { kind: 'cancel'; id: number };

/** The least a transport must do: carry structured-cloneable messages both ways. */
export interface MessagePortLike<In, Out> {
  postMessage(message: Out): void;
  /** Subscribe; returns an unsubscribe function. */
  onMessage(listener: (message: In) => void): () => void;
}

export class RpcError extends Error {
  readonly code: string | undefined;
  constructor(method: string, payload: ErrorPayload, callerStack: string | undefined) {
    super(payload.message);
    this.name = 'RpcError';
    this.code = payload.code;
    // Keep where the caller asked, not where the message arrived: that is what a user debugs.
    if (callerStack) this.stack = `${this.name} (${method}): ${payload.message}\n${callerStack.split('\n').slice(1).join('\n')}`;
  }
}

export class CancelledError extends Error {
  readonly code = ErrorCode.Cancelled;
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function errorToPayload(error: unknown): ErrorPayload {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { message: error.message, code: typeof code === 'string' ? code : undefined };
  }
  return { message: String(error) };
}
