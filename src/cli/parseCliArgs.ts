import { parseArgs, ParseArgsConfig } from 'node:util';
import { CliUsageError } from './cliCommand';

/**
 * node:util parseArgs in strict mode, its errors turned into usage errors (exit code 2).
 * Commands that take no positionals say so, and a stray one is then a usage error too.
 */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T, { allowPositionals = true } = {}) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
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
