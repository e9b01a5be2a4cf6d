import { analyzeCommand } from './analyzeCommand';
import { CliCommand } from './cliCommand';
import { diffCommand } from './diffCommand';
import { pathCommand } from './pathCommand';
import { summaryCommand } from './summaryCommand';

/** Every `heapscope` subcommand, in the order `--help` lists them. */
export const cliCommands: readonly CliCommand[] = [
  summaryCommand,
  diffCommand,
  pathCommand,
  analyzeCommand,
];
