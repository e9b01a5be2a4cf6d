/**
 * Decodes the bytes between a JSON string's quotes: UTF-8 text with JSON escapes. V8 writes
 * every non-ASCII character as \uXXXX (a surrogate pair as two escapes), other writers may write
 * raw UTF-8; both come out the same. Escapes were checked when the section was scanned, so this
 * never meets a malformed one; a lone surrogate stays a lone UTF-16 unit, as JSON.parse keeps it.
 */
export function decodeJsonStringBody(bytes: Buffer, from: number, to: number): string {
  let escape = -1;
  for (let i = from; i < to; i++) {
    if (bytes[i] === 0x5c) {
      escape = i;
      break;
    }
  }
  if (escape < 0) return bytes.toString('utf8', from, to);
  let out = '';
  let run = from;
  for (let i = escape; i < to; i++) {
    if (bytes[i] !== 0x5c) continue;
    if (i > run) out += bytes.toString('utf8', run, i);
    const e = bytes[i + 1];
    if (e === 0x75 /* u */) {
      out += String.fromCharCode(hex(bytes[i + 2]) * 4096 + hex(bytes[i + 3]) * 256 + hex(bytes[i + 4]) * 16 + hex(bytes[i + 5]));
      i += 5;
    } else {
      out += ESCAPED[e] ?? String.fromCharCode(e);
      i += 1;
    }
    run = i + 1;
  }
  if (run < to) out += bytes.toString('utf8', run, to);
  return out;
}

const ESCAPED: Record<number, string> = {
  0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t', 0x22: '"', 0x5c: '\\', 0x2f: '/',
};

function hex(c: number): number {
  if (c <= 0x39) return c - 0x30;
  return (c | 0x20) - 0x57;
}

/** Whether a byte may follow a backslash in a JSON string. */
export function isEscapeByte(c: number): boolean {
  return c === 0x22 || c === 0x5c || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74 || c === 0x75;
}

export function isHexByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}
