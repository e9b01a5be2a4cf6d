import { open, stat } from 'node:fs/promises';
import { isAbsolute, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Largest script or map file read (a bundle with an inline map can be tens of MB). */
export const MAX_SOURCE_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The local file behind a script URL from a snapshot: `file://` URLs and absolute paths; null for
 * `node:` internals, eval'd code, other schemes and anything with a NUL. The URL is the target's
 * memory, so it only ever selects a file to read, never one to write.
 */
export function scriptPathOf(url: string): string | null {
  if (url.includes('\0')) return null;
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return null;
    }
  }
  return isAbsolute(url) ? normalize(url) : null;
}

/**
 * A regular file's text, or a reason it is not read: missing, not a regular file (a FIFO would
 * block the engine), or larger than `MAX_SOURCE_FILE_BYTES`.
 */
export async function readRegularFile(path: string): Promise<{ text: string } | { reason: string }> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) return { reason: `${path} is not a regular file` };
    size = s.size;
  } catch (error) {
    return { reason: `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read'}` };
  }
  if (size > MAX_SOURCE_FILE_BYTES) return { reason: `${path} is larger than ${MAX_SOURCE_FILE_BYTES / 1024 / 1024} MiB` };
  try {
    // Opened read-only; the size check above bounds the read.
    const handle = await open(path, 'r');
    try {
      return { text: await handle.readFile('utf8') };
    } finally {
      await handle.close();
    }
  } catch {
    return { reason: `${path}: cannot read` };
  }
}
