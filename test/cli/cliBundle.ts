import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { runProcess } from '../runProcess';
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
export async function runCli(cli: string, args: string[], options: { wrapper?: string[]; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  const [cmd, ...pre] = [...(options.wrapper ?? []), process.execPath, cli];
  const run = await runProcess(cmd, [...pre, ...args], { cwd: options.cwd, timeoutMs: options.timeoutMs ?? 30_000 });
  if (run.timedOut) throw new Error(`heapscope ${args.join(' ')} did not finish; stderr: ${run.stderr}`);
  return { code: run.code, stdout: run.stdout, stderr: run.stderr };
}
