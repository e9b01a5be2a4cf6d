import { TraceMap } from '@jridgewell/trace-mapping';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readRegularFile } from './scriptFile';

/** A script's source map, or why it has none. */
export type LoadedSourceMap =
  | { map: TraceMap; /** 'inline', or the .map file's path. */ from: string }
  | { map: null; reason: string };

/**
 * The last `//# sourceMappingURL=` (or `//@`, or inside a block comment) of a script. Tools
 * append it at the end, and a bundle may contain earlier ones copied from its inputs, so the last
 * one wins, as in browsers and Node's --enable-source-maps.
 */
const MAPPING_URL = /(?:\/\/|\/\*)[#@][ \t]*sourceMappingURL=([^\s'"*]+)[ \t]*(?:\*\/)?[ \t]*$/gm;

/**
 * Loads the source map of the script at `scriptPath`: an inline `data:` URL, a file named by
 * `sourceMappingURL` (relative to the script, or a `file:` URL), or else `<script>.map` beside it
 * (webpack's hidden-source-map writes no comment). Remote URLs are never fetched. Read-only.
 */
export async function loadSourceMap(scriptPath: string): Promise<LoadedSourceMap> {
  const script = await readRegularFile(scriptPath);
  if ('reason' in script) return { map: null, reason: script.reason };
  let last: string | null = null;
  for (const m of script.text.matchAll(MAPPING_URL)) last = m[1];
  if (last === null) {
    const beside = await readRegularFile(`${scriptPath}.map`);
    if ('reason' in beside) return { map: null, reason: `${scriptPath} has no sourceMappingURL comment and no .map file beside it` };
    return parsed(beside.text, `${scriptPath}.map`);
  }
  if (last.startsWith('data:')) {
    const json = decodeDataUrl(last);
    if (json === null) return { map: null, reason: `${scriptPath}: its inline source map is not a JSON data: URL` };
    return parsed(json, 'inline', scriptPath);
  }
  const mapPath = mapFilePath(scriptPath, last);
  if (mapPath === null) return { map: null, reason: `${scriptPath}: its sourceMappingURL is not a local file (remote maps are not fetched)` };
  const file = await readRegularFile(mapPath);
  if ('reason' in file) return { map: null, reason: `source map ${file.reason}` };
  return parsed(file.text, mapPath);
}

function parsed(json: string, from: string, basePath = from): LoadedSourceMap {
  try {
    const raw = JSON.parse(json) as unknown;
    if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 3) {
      return { map: null, reason: `${from === 'inline' ? 'the inline source map' : from} is not a version 3 source map` };
    }
    // The base URL makes trace-mapping resolve `sources` (and `sourceRoot`) to file: URLs.
    return { map: new TraceMap(raw as ConstructorParameters<typeof TraceMap>[0], pathToFileURL(basePath).href), from };
  } catch (error) {
    return { map: null, reason: `${from === 'inline' ? 'the inline source map' : from} cannot be parsed (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** `data:[<mime>][;charset=…][;base64],<data>` → its text, for JSON media types only. */
function decodeDataUrl(url: string): string | null {
  const comma = url.indexOf(',');
  if (comma < 0) return null;
  const params = url.slice(5, comma).split(';');
  if (params[0] !== '' && !/^application\/json$/i.test(params[0])) return null;
  const data = url.slice(comma + 1);
  try {
    return params.includes('base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
  } catch {
    return null;
  }
}

/** A relative path (percent-decoded) against the script's folder, or a `file:` URL; else null. */
function mapFilePath(scriptPath: string, url: string): string | null {
  if (url.startsWith('file:')) {
    try {
      return fileURLToPath(url);
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  return resolve(dirname(scriptPath), decoded);
}
