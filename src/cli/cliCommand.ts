/**
 * One `heapscope` subcommand. src/cli.ts holds the explicit list; each command lives in its own
 * file under src/cli/ and parses its own arguments.
 */
export interface CliCommand {
  readonly name: string;
  /** One line for `heapscope --help`, e.g. "summary FILE [--json] [--top N]". */
  readonly usage: string;
  readonly description: string;
  /** Resolves to the process exit code. Throws CliUsageError for bad arguments. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Aborted on SIGINT. */
  signal: AbortSignal;
}

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
