import { CliUsageError } from './cliCommand';

/** A flag's value as a positive number (an integer where `integer`), or a usage error naming the flag. */
export function positiveNumber(flag: string, text: string, integer: boolean): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new CliUsageError(`${flag} takes a positive ${integer ? 'integer' : 'number'}, not '${text}'`);
  }
  return n;
}
