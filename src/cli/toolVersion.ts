import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Heapscope's version from its package.json: next to dist/ when bundled (dist/cli.js), two levels
 * up when run from src/ under tsx.
 */
export function toolVersion(): string {
  for (const up of [['..'], ['..', '..']]) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, ...up, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'heapscope' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not there: try the next place.
    }
  }
  return '0.0.0';
}
