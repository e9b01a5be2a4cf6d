import { formatCount } from './format';

/**
 * Repeated steps of a retainer path: a linked list (EventTarget's `Listener`s chained by `next`,
 * a promise chain, a `previous` chain of scopes) shows as one step per link, dozens of lines that
 * say one thing. A run is MIN_RUN or more consecutive steps with the same edge name, edge type
 * and node name; the CLI prints it as "36 × `next` through Listener" and the webview draws it as
 * one edge (webview/collapsePath.ts), from this one function so both agree.
 * Indexing: `start` indexes the steps given; steps before `from` (a root entry) never join a run.
 */
export interface PathRun {
  /** Index of the run's first step. */
  start: number;
  /** Steps in the run (at least MIN_RUN). */
  count: number;
  edge: string;
  type: string;
  name: string;
  /** "36 × `next` through Listener". */
  text: string;
}

export const MIN_RUN = 3;

interface RunStep {
  edge: string;
  type: string;
  name: string;
}

export function pathRuns(steps: readonly RunStep[], from = 0): PathRun[] {
  const runs: PathRun[] = [];
  let i = from;
  while (i < steps.length) {
    const s = steps[i];
    let j = i + 1;
    while (j < steps.length && steps[j].edge === s.edge && steps[j].type === s.type && steps[j].name === s.name) j++;
    if (j - i >= MIN_RUN) runs.push({ start: i, count: j - i, edge: s.edge, type: s.type, name: s.name, text: runText(j - i, s.edge, s.name) });
    i = j;
  }
  return runs;
}

export function runText(count: number, edge: string, name: string): string {
  return `${formatCount(count)} × \`${edge}\` through ${name}`;
}
