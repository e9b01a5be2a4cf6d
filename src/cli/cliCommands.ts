import { analyzeCommand } from './analyzeCommand';
import { captureCommand } from './captureCommand';
import { CliCommand } from './cliCommand';
import { diffCommand } from './diffCommand';
import { pathCommand } from './pathCommand';
import { psCommand } from './psCommand';
import { runCommand } from './runCommand';
import { sampleCommand } from './sampleCommand';
import { summaryCommand } from './summaryCommand';
import { watchCommand } from './watchCommand';

/** Every `heapscope` subcommand, in the order `--help` lists them. */
export const cliCommands: readonly CliCommand[] = [
  psCommand,
  captureCommand,
  watchCommand,
  sampleCommand,
  summaryCommand,
  diffCommand,
  pathCommand,
  analyzeCommand,
  runCommand,
];
