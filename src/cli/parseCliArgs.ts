import { parseArgs, ParseArgsConfig } from 'node:util';
import { CliUsageError } from './cliCommand';

/** node:util parseArgs in strict mode, its errors turned into usage errors (exit code 2). */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A positive integer option value, or the default. */
export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliUsageError(`${name} must be a non-negative integer, got '${value}'`);
  return n;
}
