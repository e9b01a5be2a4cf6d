import { after } from 'node:test';
import { killAllTargets } from '../inspector/nodeTargets';
import { tempDir } from '../tempDir';
import { bundleCli } from './cliBundle';

/**
 * What a test file that captures from live targets through the CLI sets up: the CLI bundled once,
 * a temp dir for its snapshots and, after the file, every target killed and both removed.
 */
export function captureWorkspace(prefix: string): { cli: string; dir: string } {
  const { cli, dispose } = bundleCli();
  const tmp = tempDir(prefix);
  after(async () => {
    await killAllTargets();
    dispose();
    tmp.remove();
  });
  return { cli, dir: tmp.dir };
}
