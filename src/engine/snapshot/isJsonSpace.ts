/** Whether byte `c` is JSON whitespace (space, line feed, carriage return, tab). */
export function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
