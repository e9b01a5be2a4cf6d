import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { fileURLToPath } from 'node:url';
import { SourceLocation, SourceMapNote } from '../../protocol/finding';
import { LoadedSourceMap, loadSourceMap } from './loadSourceMap';
import { scriptPathOf } from './scriptFile';

/** A location as shown (`location`), where V8 ran it (`generated`), and how one became the other. */
export interface MappedLocation {
  location: SourceLocation;
  generated: SourceLocation;
  note: SourceMapNote;
}

/**
 * Maps 1-based script locations from a snapshot through each script's source map to the file
 * the user edits (`.ts`, or one input of a bundle), with the original name where the map has
 * one. Each script's map is loaded once per mapper. Call `map` on any {url, line, column}: closure
 * locations, allocation sites, functions along a path. Never guesses: a location without a map,
 * or without a mapping at its line, comes back unchanged with the reason in `note`.
 */
export class SourceMapper {
  private readonly maps = new Map<string, Promise<LoadedSourceMap>>();

  async map(generated: SourceLocation): Promise<MappedLocation> {
    const unchanged = (reason: string): MappedLocation => ({ location: generated, generated, note: { mapped: false, reason } });
    const path = scriptPathOf(generated.url);
    if (path === null) return unchanged(`${generated.url} is not a file on this machine`);
    const loaded = await this.load(path);
    if (loaded.map === null) return unchanged(loaded.reason);
    const found = lookUp(loaded.map, generated.line, generated.column - 1);
    if (found === null) return unchanged(`the source map (${loaded.from}) has no mapping on line ${generated.line} of ${path}`);
    const location: SourceLocation = { url: sourcePath(found.source), line: found.line, column: found.column + 1 };
    if (found.name !== null) location.name = found.name;
    return { location, generated, note: { mapped: true, map: loaded.from } };
  }

  private load(path: string): Promise<LoadedSourceMap> {
    let p = this.maps.get(path);
    if (!p) {
      p = loadSourceMap(path);
      this.maps.set(path, p);
    }
    return p;
  }
}

/**
 * trace-mapping takes 1-based lines and 0-based columns. V8's function position is often the
 * `(` of the parameters, which tsc and esbuild may not map on their own; the segment at or before
 * it on the same generated line covers it, else the first one after it on that line.
 */
function lookUp(map: TraceMap, line: number, column: number): { source: string; line: number; column: number; name: string | null } | null {
  for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
    const p = originalPositionFor(map, { line, column, bias });
    if (p.source !== null && p.line !== null && p.column !== null) return { source: p.source, line: p.line, column: p.column, name: p.name };
  }
  return null;
}

/** file: URLs as paths, the form editors and the CLI show; other schemes (webpack://) as given. */
function sourcePath(source: string): string {
  if (!source.startsWith('file:')) return source;
  try {
    return fileURLToPath(source);
  } catch {
    return source;
  }
}
