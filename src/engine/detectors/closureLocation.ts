import { SourceLocation } from '../../protocol/finding';
import { GraphReader } from './graphReader';

/** A closure's script URL with 1-based line and column from the snapshot's `locations`, or null. */
export function closureLocation(r: GraphReader, closure: number): SourceLocation | null {
  const url = r.scriptUrl(closure);
  const at = r.location(closure);
  return url && at ? { url, line: at.line + 1, column: at.column + 1 } : null;
}

/** "listenerLeak.js:17:26" for evidence lines. */
export function shortLocation(location: SourceLocation | null): string {
  if (!location) return '';
  const slash = location.url.lastIndexOf('/');
  return `${slash >= 0 ? location.url.slice(slash + 1) : location.url}:${location.line}:${location.column}`;
}
