import { CliCommand } from './cliCommand';

/** Every `heapscope` subcommand, in the order `--help` lists them. */
export const cliCommands: readonly CliCommand[] = [];
