import { ByteCursor } from './byteCursor';

const CLOSE = 0x5d; // ']'

/**
 * Moves the cursor just past the next ']'; false if the file ends first. This is how the parser
 * steps over a number array another thread reads (see EdgesSplit): such an array holds no other
 * ']', and whether it is a well-formed array at all is that thread's to check, byte by byte. So
 * one memchr-like search per chunk (Buffer#indexOf) does here what the JSON skipper would do a
 * byte at a time.
 */
export async function skipPastBracket(cursor: ByteCursor): Promise<boolean> {
  for (;;) {
    const { bytes, pos, end } = cursor;
    if (pos < end) {
      // A view of the window only: bytes past `end` are not released yet, or stale.
      const at = Buffer.from(bytes.buffer, bytes.byteOffset + pos, end - pos).indexOf(CLOSE);
      if (at >= 0) {
        cursor.pos = pos + at + 1;
        return true;
      }
      cursor.pos = end;
    }
    if (!(await cursor.fill())) return false;
  }
}
