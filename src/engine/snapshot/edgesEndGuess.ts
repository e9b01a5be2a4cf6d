import { FileHandle } from 'node:fs/promises';
import { isJsonSpace } from './isJsonSpace';

/** The key V8 writes right after `edges`. Inside a JSON string its quotes would be escaped, so these bytes are always a key. */
const NEXT_KEY = Buffer.from('"trace_function_infos":');
const BLOCK_BYTES = 1024 * 1024;
/** Bytes before the key where the section's ']' and the comma must be. */
const GAP_BYTES = 64;

/**
 * Where an `edges` section that starts at `from` ends (just past its ']'), guessed from the end of
 * the file rather than found by reading the section, or -1. Why: while another thread reads the
 * edges, the parser only needs to get past them, and reading a whole section (over half the file)
 * just to find its ']' cost this thread 45 ms at 250 MB; the sections V8 writes after it (strings,
 * locations) are a tenth of that.
 *
 * V8 writes `trace_function_infos` right after `edges`; the last such key in the file, preceded
 * by "]," and whitespace, is taken as the end. Only a guess: the reading of the section checks
 * that it ends there (see joinEdgeTail), and the parse starts over on one thread if not. Searches
 * at most a quarter of what follows `from` (or 1 MB); -1 when the key is not there.
 */
export async function guessEdgesEnd(handle: FileHandle, fileSize: number, from: number): Promise<number> {
  const floor = Math.max(from, fileSize - Math.max(BLOCK_BYTES, Math.floor((fileSize - from) / 4)));
  const block = Buffer.alloc(Math.min(BLOCK_BYTES, Math.max(0, fileSize - floor)));
  // Blocks overlap by the key's length less one, so no key is cut in two.
  for (let end = fileSize; end - floor >= NEXT_KEY.length; end -= block.length - NEXT_KEY.length + 1) {
    const start = Math.max(floor, end - block.length);
    const { bytesRead } = await handle.read(block, 0, end - start, start);
    const at = block.subarray(0, bytesRead).lastIndexOf(NEXT_KEY);
    if (at >= 0) return closingBefore(handle, start + at, from);
    if (start === floor) break;
  }
  return -1;
}

/**
 * Just past the ']' that "]," and whitespace put before `key`, or -1. The ']' must close numbers
 * (a digit before it): the end of another kind of section is no guess worth checking.
 */
async function closingBefore(handle: FileHandle, key: number, from: number): Promise<number> {
  const start = Math.max(from, key - GAP_BYTES);
  const gap = Buffer.alloc(key - start);
  const { bytesRead } = await handle.read(gap, 0, gap.length, start);
  let i = skipSpaceBack(gap, bytesRead - 1);
  if (i < 0 || gap[i] !== 0x2c) return -1;
  i = skipSpaceBack(gap, i - 1);
  if (i < 0 || gap[i] !== 0x5d) return -1;
  const last = skipSpaceBack(gap, i - 1);
  return last >= 0 && gap[last] >= 0x30 && gap[last] <= 0x39 ? start + i + 1 : -1;
}

/** The last non-whitespace byte at or before `i`, or -1. */
function skipSpaceBack(bytes: Uint8Array, i: number): number {
  while (i >= 0 && isJsonSpace(bytes[i])) i--;
  return i;
}
