import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  dir: string;
  /** Writes `content` to `name` in the directory and returns its path. */
  file(name: string, content: string | Uint8Array): string;
  /** Removes the directory and everything in it (safe to call twice). */
  remove(): void;
}

/** A fresh directory under the OS temp dir, `heapscope-<prefix>-XXXXXX`; call remove() in `after`. */
export function tempDir(prefix: string): TempDir {
  const dir = mkdtempSync(join(tmpdir(), `heapscope-${prefix}-`));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
