import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A bundle of dist/ as the CLI and the extension run it (npm test builds them first). */
export function distBundle(name: 'cli.js' | 'engineWorker.js'): string {
  return join(__dirname, '..', 'dist', name);
}

/** Fails with the fix when `bundle` has not been built. */
export function assertBuilt(bundle: string): void {
  assert.ok(existsSync(bundle), `${bundle} missing: run \`npm run build\` first`);
}
