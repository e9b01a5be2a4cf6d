import { ErrorCode } from '../../protocol/errorCode';

/**
 * The one error the parser throws for bad input. The message names the file and the byte where
 * reading stopped, so a user can look at the spot (`head -c` / a hex viewer) and a bug report
 * carries enough to reproduce: `x.heapsnapshot: byte 1234567: unexpected 'q' in "edges"`.
 */
export class SnapshotParseError extends Error {
  readonly code = ErrorCode.Parse;
  constructor(
    readonly file: string,
    /** Byte offset in the file; the file size for "unexpected end of file". */
    readonly position: number,
    readonly detail: string,
  ) {
    super(`${file}: byte ${position}: ${detail}`);
    this.name = 'SnapshotParseError';
  }
}

/** How a byte shows in an error message: printable ASCII as itself, anything else as hex. */
export function describeByte(byte: number): string {
  if (byte >= 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
