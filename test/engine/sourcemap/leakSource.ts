import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The TypeScript sample server (samples/tsServer), compiled and bundled by the tests for real. */
export const TS_SERVER_DIR = join(__dirname, '..', '..', '..', 'samples', 'tsServer');
export const LEAK_FILE = join(TS_SERVER_DIR, 'src', 'reportJobs.ts');

/** The arrow function that starts `onCancel`, in TypeScript or in any JavaScript made from it. */
const KEPT_ARROW = /\(\)\s*=>\s*`job \$\{/;

/**
 * 1-based line and column of the kept `onCancel` arrow in the sample's own source, found from
 * its text (the line marked `// LEAK:`), so no test writes down a number.
 */
export function leakInSource(): { line: number; column: number } {
  const lines = readFileSync(LEAK_FILE, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes('// LEAK:'));
  const column = lines[i].search(KEPT_ARROW);
  if (i < 0 || column < 0) throw new Error(`${LEAK_FILE}: no marked leak line`);
  return { line: i + 1, column: column + 1 };
}

/** The same arrow's 1-based position in generated JavaScript (where V8 puts the function). */
export function arrowIn(js: string): { line: number; column: number } {
  const at = js.search(KEPT_ARROW);
  if (at < 0) throw new Error('the kept arrow is not in the generated code');
  const before = js.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}
