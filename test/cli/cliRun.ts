import { distBundle } from '../distBundle';
import { runProcess } from '../runProcess';

export const CLI = distBundle('cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node dist/cli.js …args` as a user would (in `env`), killed if it outlives `timeoutMs`. */
export async function runCli(args: string[], timeoutMs = 30_000, env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  const { code, stdout, stderr, ms } = await runProcess(process.execPath, [CLI, ...args], { timeoutMs, env });
  return { code, stdout, stderr, ms };
}
