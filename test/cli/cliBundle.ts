import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import { tempDir } from '../tempDir';

/**
 * The CLI bundled once per test file into a world-readable temp dir, so it starts fast and can
 * also be run as another user (the permission tests drop to `nobody`).
 */
export function bundleCli(): { cli: string; dispose(): void } {
  const tmp = tempDir('cli');
  chmodSync(tmp.dir, 0o755);
  const cli = join(tmp.dir, 'cli.js');
  buildSync({ entryPoints: [join(__dirname, '../../src/cli.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: cli, logLevel: 'error' });
  chmodSync(cli, 0o755);
  return { cli, dispose: () => tmp.remove() };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node cli.js ...args`, optionally through a wrapper such as setpriv. */
export function runCli(cli: string, args: string[], options: { wrapper?: string[]; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  const [cmd, ...pre] = [...(options.wrapper ?? []), process.execPath, cli];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...pre, ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`heapscope ${args.join(' ')} did not finish; stderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
