import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The file behind a script URL from a snapshot: `file://` URLs and absolute paths name files;
 * `node:` internals, eval'd code and other schemes have none.
 */
export function locationToPath(url: string): string | null {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return null;
    }
  }
  return path.isAbsolute(url) ? path.normalize(url) : null;
}
