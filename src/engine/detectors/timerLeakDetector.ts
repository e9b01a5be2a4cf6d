import { HeapGraph } from '../graph/heapGraph';
import { closureLocation, shortLocation } from './closureLocation';
import { Detector } from './detector';
import { detectGroups, Group, retainedOfSet, seriesText } from './detectGroups';
import { formatBytes, plural } from './formatBytes';
import { readerFor } from './graphViews';

/** Active timers of one callback in a single snapshot before a finding / in a growing series. */
const MIN_TIMERS_SINGLE = 50;
const MIN_TIMERS_GROWING = 10;

interface TimerGroup extends Group {
  callback: number;
  repeating: number;
}

/**
 * Pattern 5: `Timeout` objects not destroyed (`_destroyed` false), grouped by their callback's
 * function; a finding when one callback's timers keep multiplying across a series (or are many
 * in one snapshot). Members are the timers and their callbacks.
 */
export const timerLeakDetector: Detector = {
  kind: 'timer-leak',
  detect: (input, ctx) =>
    detectGroups<TimerGroup>('timer-leak', input, ctx, {
      async scan(graph) {
        return scan(graph);
      },
      accept: (g, growing, snapshots) => (snapshots >= 3 ? growing && g.count >= MIN_TIMERS_GROWING : g.count >= MIN_TIMERS_SINGLE),
      describe(g, facts) {
        const r = readerFor(facts.graph);
        const fn = r.name(g.callback) || '(anonymous)';
        const location = closureLocation(r, g.callback);
        const what = g.repeating === g.count ? 'interval' : 'timer';
        const evidence = [
          `${plural(g.count, `active ${what}`)} run \`${fn}\`${location ? ` (${shortLocation(location)})` : ''}${g.repeating === g.count ? ' (setInterval: they repeat until cleared)' : ''}.`,
          `Each keeps its callback and everything the callback captures: ${formatBytes(g.bytes)} in all.`,
        ];
        if (facts.counts.length >= 2) evidence.push(`Timers across the series: ${seriesText(facts.counts)}${facts.growing ? ' (growing at every snapshot)' : ''}.`);
        return {
          title: `${plural(g.count, what)} running \`${fn}\` never cleared`,
          evidence,
          fix: `Keep the handle returned by ${what === 'interval' ? 'setInterval' : 'setTimeout'} and call ${what === 'interval' ? 'clearInterval' : 'clearTimeout'} when the work it serves ends (or start one shared timer for all of them).`,
          location,
          details: null,
        };
      },
    }),
};

function scan(graph: HeapGraph): TimerGroup[] {
  const r = readerFor(graph);
  const groups = new Map<number, TimerGroup>();
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.nodeType[n] !== graph.types.object || !r.reachable(n) || !r.isObject(n, 'Timeout')) continue;
    if (r.oddballProperty(n, '_destroyed') === 'true') continue;
    const callback = r.child(n, '_onTimeout', graph.edgeTypes.property);
    if (callback < 0 || graph.nodeType[callback] !== graph.types.closure) continue;
    const shared = r.sharedInfo(callback);
    let g = groups.get(shared);
    if (!g) {
      g = { key: `timer:${r.idKey(shared)}`, members: [], holder: null, target: callback, count: 0, bytes: 0, callback, repeating: 0 };
      groups.set(shared, g);
    }
    g.members.push(n, callback);
    g.count += 1;
    if (r.oddballProperty(n, '_repeat') !== 'null') g.repeating += 1;
    if (graph.distance[callback] < graph.distance[g.target]) g.target = callback;
  }
  for (const g of groups.values()) g.bytes = retainedOfSet(graph, g.members);
  return [...groups.values()];
}
