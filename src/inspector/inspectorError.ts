import { ErrorCode } from '../protocol/errorCode';

/**
 * Every failure of src/inspector/ that a user can act on carries a stable `code` (one of
 * ErrorCode: what each means is written there), so the CLI and the extension can word it or
 * branch on it without matching message text.
 */
export type InspectorErrorCode = ErrorCode;

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
  if (signal?.aborted) throw new InspectorError(ErrorCode.Cancelled, `${what} was cancelled`);
}
