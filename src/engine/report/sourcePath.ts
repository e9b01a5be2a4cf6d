import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A script URL from a heap snapshot as a path relative to `root` (forward slashes), when it names a
 * file under `root`; else null (node: internals, eval code, files elsewhere). Script URLs are the
 * target's strings: a relative result never climbs out of `root`.
 */
export function pathUnderRoot(scriptUrl: string, root: string): string | null {
  let file: string;
  try {
    file = scriptUrl.startsWith('file://') ? fileURLToPath(scriptUrl) : scriptUrl;
  } catch {
    return null;
  }
  if (!isAbsolute(file)) return null;
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}
