import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * Reads the source of a closure from its script file, at the 0-based position the snapshot's
 * `locations` give, because the snapshot's own copy of a script is cut at 1,024 characters.
 * Files are read once per run. Null when the script is not a readable file (node: builtins,
 * eval, a file that has changed or gone).
 */
export class ClosureSourceReader {
  private readonly files = new Map<string, Promise<string | null>>();

  /** The function's text starting at `line`/`column` (0-based), or null. */
  async functionSource(url: string, line: number, column: number): Promise<string | null> {
    const text = await this.file(url);
    if (text === null) return null;
    const start = offsetOf(text, line, column);
    return start < 0 ? null : functionTextFrom(text, start);
  }

  private file(url: string): Promise<string | null> {
    let p = this.files.get(url);
    if (!p) {
      p = readScript(url);
      this.files.set(url, p);
    }
    return p;
  }
}

async function readScript(url: string): Promise<string | null> {
  let path: string;
  if (url.startsWith('file://')) path = fileURLToPath(url);
  else if (url.startsWith('/')) path = url;
  else return null;
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    offset = text.indexOf('\n', offset);
    if (offset < 0) return -1;
    offset += 1;
  }
  return offset + column <= text.length ? offset + column : -1;
}

/**
 * From a function's start, its text up to the end of its body: a block body ends at the brace
 * matching its first `{` after the parameters; an arrow's expression body ends where the
 * enclosing bracket closes or at `,`/`;` at depth 0. Strings, template literals and comments
 * are skipped so braces inside them do not count. A single forward scan with a depth counter.
 */
export function functionTextFrom(text: string, start: number): string {
  let depth = 0;
  let sawArrow = false;
  let paramsDone = false;
  let i = start;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      i = skipString(text, i);
      continue;
    }
    if (ch === '=' && text[i + 1] === '>' && depth === 0) {
      sawArrow = true;
      paramsDone = true;
      i += 2;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') {
      if (ch === '{' && depth === 0 && (paramsDone || !sawArrow) && bodyBrace(text, start, i)) {
        return text.slice(start, matchBrace(text, i) + 1);
      }
      depth++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth < 0) return text.slice(start, i);
      if (depth === 0 && ch === ')') paramsDone = true;
    } else if ((ch === ',' || ch === ';') && depth === 0 && sawArrow) {
      return text.slice(start, i);
    }
    i++;
  }
  return text.slice(start);
}

/** A `{` at depth 0 opens the body once the parameter list has closed (or right after `=>`). */
function bodyBrace(text: string, start: number, at: number): boolean {
  return text.slice(start, at).includes(')') || /=>\s*$/.test(text.slice(start, at));
}

function matchBrace(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      i = skipString(text, i);
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return text.length - 1;
}

/** Index just past the string starting at `i`; `${…}` inside templates is kept as text, which is
 * enough here: a variable used inside a template expression still appears in the text. */
function skipString(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === '\\') {
      j += 2;
      continue;
    }
    if (text[j] === quote) return j + 1;
    j++;
  }
  return j;
}

/** True when `name` occurs in `source` as an identifier (not as a property after a dot). */
export function usesIdentifier(source: string, name: string): boolean {
  const escaped = name.replace(/[$]/g, '\\$');
  return new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])`).test(source);
}
