/**
 * Every failure of src/inspector/ that a user can act on carries a stable `code`, so the CLI and
 * the extension can word it or branch on it without matching message text.
 */
export type InspectorErrorCode =
  /** No process with that pid. */
  | 'ENOPROC'
  /** The pid is not a Node.js process: it was not signalled (SIGUSR1 would kill most programs). */
  | 'ENOTNODE'
  /** The OS refused: the process belongs to another user. */
  | 'EPERM'
  /** The inspector port the target would open is held by another process. */
  | 'EPORTBUSY'
  /** The endpoint answered for a different pid than the one asked for. */
  | 'EWRONGPID'
  /** The target did not answer in time (main thread blocked, or SIGUSR1 disabled). */
  | 'ETIMEDOUT'
  /** The target went away (exited, or closed the connection) during the operation. */
  | 'EEXITED'
  /** The target cannot be switched on as asked: --disable-sigusr1, or a non-loopback --inspect-port. */
  | 'EREFUSED'
  /** The caller aborted. */
  | 'ECANCELLED'
  /** The endpoint could not be reached or is not a Node.js inspector. */
  | 'ECONNECT'
  /** The target answered a CDP command with an error. */
  | 'ECDP'
  /** The preflight found the snapshot would not fit in the target's memory: nothing was captured. */
  | 'ENOROOM'
  /** The snapshot could not be written to disk (full, gone, no permission); the partial file was removed. */
  | 'EDISK';

export class InspectorError extends Error {
  readonly code: InspectorErrorCode;
  constructor(code: InspectorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InspectorError';
    this.code = code;
  }
}

export function isInspectorError(error: unknown, code?: InspectorErrorCode): error is InspectorError {
  return error instanceof InspectorError && (code === undefined || error.code === code);
}

/** Throws ECANCELLED if the signal is aborted; long waits call this between steps. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new InspectorError('ECANCELLED', `${what} was cancelled`);
}
