import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** 1-based line of the first line of `file` matching `pattern`: the program's own text says where its functions are. */
export function sourceLine(file: string, pattern: RegExp): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((l) => pattern.test(l));
  assert.ok(index >= 0, `${file}: no line matches ${pattern}`);
  return index + 1;
}
