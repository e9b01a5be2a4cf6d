import { CliCommand } from './cliCommand';
import { captureCommand } from './captureCommand';
import { psCommand } from './psCommand';

/** Every `heapscope` subcommand, in the order `--help` lists them. */
export const cliCommands: readonly CliCommand[] = [psCommand, captureCommand];
