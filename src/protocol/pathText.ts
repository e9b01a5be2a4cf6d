import { FindingPathStep } from './finding';
import { pathRuns } from './pathRuns';

/**
 * A finding's path as one line of text, root first: `label → name` per step, unnamed nodes (a
 * Map's entries table) adding nothing their step's label does not say, repeated steps as one
 * ("36 × `next` through Listener", pathRuns.ts). `escape` makes each snapshot string safe for
 * where the line goes (one terminal line, Markdown): snapshot strings are untrusted.
 */
export function pathText(path: readonly FindingPathStep[], escape: (text: string) => string): string {
  const runs = new Map(pathRuns(path, 1).map((r) => [r.start, r]));
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const s = path[i];
    const run = runs.get(i);
    if (run) {
      parts.push(escape(run.text));
      i += run.count - 1;
    } else if (i === 0) parts.push(escape(s.name));
    else parts.push(s.name ? `${escape(s.label)} → ${escape(s.name)}` : escape(s.label));
  }
  return parts.join(' → ');
}
