import { Finding } from '../protocol/finding';
import { pathRuns } from '../protocol/pathRuns';
import { oneLine } from './oneLine';

/** The path on one line, root first; repeated steps as one ("36 × `next` through Listener"). */
export function findingPathText(path: Finding['path']): string {
  const runs = new Map(pathRuns(path, 1).map((r) => [r.start, r]));
  const parts: string[] = [];
  for (let j = 0; j < path.length; j++) {
    const s = path[j];
    const run = runs.get(j);
    if (run) {
      parts.push(oneLine(run.text));
      j += run.count - 1;
    } else if (j === 0) parts.push(oneLine(s.name));
    else parts.push(s.name ? `${oneLine(s.label)} → ${oneLine(s.name)}` : oneLine(s.label));
  }
  return parts.join(' → ');
}
