import { CliUsageError } from './cliCommand';
import { parseCliArgs, positiveInt } from './parseCliArgs';

export interface SnapshotFileArgs {
  files: string[];
  json: boolean;
  top: number;
}

/**
 * The arguments of the commands that read snapshot files and print a ranked table
 * (`FILE… [--json] [--top N]`), so `summary` and `diff` refuse the same mistakes the same way.
 */
export function parseSnapshotFileArgs(args: readonly string[], files: { min: number; max: number; expected: string }): SnapshotFileArgs {
  const { values, positionals } = parseCliArgs(args, { json: { type: 'boolean' }, top: { type: 'string' } });
  if (positionals.length < files.min || positionals.length > files.max) throw new CliUsageError(files.expected);
  return { files: positionals, json: values.json === true, top: positiveInt(values.top, '--top', 20) };
}
