import { HeapGraph } from '../graph/heapGraph';
import { closureLocation, shortLocation } from './closureLocation';
import { Group, groupDetector, minCount, retainedOfSet } from './groupDetector';
import { formatBytes, plural } from '../../protocol/format';
import { GraphReader } from './graphReader';
import { readerFor } from './graphViews';
import { boundTarget, TimerSource, timerSource } from './timerSource';

interface TimerGroup extends Group {
  callback: number;
  repeating: number;
  source: TimerSource;
}

/**
 * Pattern 5: `Timeout` objects not destroyed (`_destroyed` false), grouped by their callback's
 * function; a finding when one callback's timers keep multiplying across a series (or are many
 * in one snapshot). Members are the timers and their callbacks.
 */
export const timerLeakDetector = groupDetector<TimerGroup>({
  kind: 'timer-leak',
  scan,
  // Active timers of one callback: many in one snapshot, or fewer multiplying across a series.
  accept: minCount({ single: 50, growing: 10 }),
  describe(g, { reader: r }) {
    const called = boundTarget(r, g.callback);
    const fn = r.name(called) || '(anonymous)';
    const location = closureLocation(r, called);
    const what = g.repeating === g.count ? 'interval' : 'timer';
    const { library, userFunction, owner, stopMethod } = g.source;
    const userFn = userFunction >= 0 && userFunction !== g.callback ? r.name(userFunction) || '(anonymous)' : null;
    const userLocation = userFn !== null ? closureLocation(r, userFunction) : null;
    const ownerClass = owner >= 0 ? r.name(owner) : null;
    const evidence = [
      `${plural(g.count, `active ${what}`)} run \`${fn}\`${location ? ` (${shortLocation(location)})` : ''}${g.repeating === g.count ? ' (setInterval: they repeat until cleared)' : ''}.`,
    ];
    if (library !== null) {
      evidence.push(`${library} armed them${ownerClass ? `, one per \`${ownerClass}\`` : ''}${userFn !== null ? `; each ends up calling the program's \`${userFn}\`${userLocation ? ` (${shortLocation(userLocation)})` : ''}` : ''}.`);
    }
    evidence.push(`Each keeps its callback and everything the callback captures: ${formatBytes(g.bytes)} in all.`);
    const title = library === null
      ? `${plural(g.count, what)} running \`${fn}\` never cleared`
      : `${plural(g.count, `${library} ${what}`)}${ownerClass ? ` (one per ${ownerClass})` : ''} running \`${userFn ?? fn}\` never stopped`;
    const fix = library === null
      ? `Keep the handle returned by ${what === 'interval' ? 'setInterval' : 'setTimeout'} and call ${what === 'interval' ? 'clearInterval' : 'clearTimeout'} when the work it serves ends (or start one shared timer for all of them).`
      : ownerClass && stopMethod
        ? `Keep the ${ownerClass} that ${library} returns and call its \`${stopMethod}()\` when the work it serves ends (e.g. \`${variableFor(ownerClass)}.${stopMethod}()\`), or create one for the whole app instead of one per operation.`
        : `Stop what ${library} started when the work it serves ends (its stop/close/destroy method), or create one for the whole app instead of one per operation.`;
    return { title, evidence, fix, location: userLocation ?? location };
  },
  seriesNoun: 'Timers',
});

/** `task` for InlineScheduledTask, `cache` for NodeCache: a variable name for the fix's example. */
function variableFor(className: string): string {
  const words = className.match(/[A-Z][a-z]+/g);
  const last = words ? words[words.length - 1] : className;
  return last.charAt(0).toLowerCase() + last.slice(1);
}

/** Connections arm one idle or parser timeout each: open-handle and closed-client findings explain those. */
const CONNECTION_CLASSES: ReadonlySet<string> = new Set(['Socket', 'TLSSocket', 'Parser', 'HTTPParser', 'ClientHttp2Session', 'ServerHttp2Session']);

function connectionTimer(r: GraphReader, timeout: number): boolean {
  let owned = false;
  r.forEachRetainer(timeout, (from) => {
    if (!owned && r.graph.nodeType[from] === r.graph.types.object && CONNECTION_CLASSES.has(r.name(from))) owned = true;
  });
  return owned;
}

function scan(graph: HeapGraph): TimerGroup[] {
  const r = readerFor(graph);
  const groups = new Map<string, TimerGroup>();
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.nodeType[n] !== graph.types.object || !r.reachable(n) || !r.isObject(n, 'Timeout')) continue;
    if (r.oddballProperty(n, '_destroyed') === 'true' || connectionTimer(r, n)) continue;
    const callback = r.child(n, '_onTimeout', graph.edgeTypes.property);
    if (callback < 0 || graph.nodeType[callback] !== graph.types.closure) continue;
    const source = timerSource(r, callback);
    const shared = r.sharedInfo(callback);
    const userShared = source.userFunction >= 0 && source.userFunction !== callback ? r.sharedInfo(source.userFunction) : -1;
    const groupKey = `${shared}:${userShared}`;
    const target = source.userFunction >= 0 ? source.userFunction : source.owner >= 0 ? source.owner : callback;
    let g = groups.get(groupKey);
    if (!g) {
      g = { key: `timer:${r.idKey(shared)}:${userShared < 0 ? '' : r.idKey(userShared)}`, members: [], holder: null, target, count: 0, bytes: 0, callback, repeating: 0, source };
      groups.set(groupKey, g);
    }
    g.members.push(n, callback);
    g.count += 1;
    if (r.oddballProperty(n, '_repeat') !== 'null') g.repeating += 1;
    if (graph.distance[target] < graph.distance[g.target]) g.target = target;
  }
  for (const g of groups.values()) g.bytes = retainedOfSet(graph, g.members);
  return [...groups.values()];
}
