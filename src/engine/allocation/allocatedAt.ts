import { formatBytes } from '../../protocol/format';
import { Finding } from '../../protocol/finding';
import { HeapGraph } from '../graph/heapGraph';
import { NodeIdIndex } from '../analysis/nodeIdIndex';
import { AllocationSite } from '../../protocol/engineApi';
import { frameKey } from './profileSites';

/** At most this many of a finding's objects are looked up (their `nodeIds` are capped at 1,000 anyway). */
const MAX_LOOKUPS = 1000;

/**
 * Names where a finding's objects were allocated, from the growing sites of the series' sampling
 * profiles. The link is a function's identity, which the snapshot and the profile share: V8 writes
 * into the snapshot's `locations` the start position and script id of each object's constructor
 * (of a closure: its own function), and the profile names each function on an allocation stack by
 * the same script id and start position. Two links, tried in this order:
 *  1. a constructor of the finding's objects is on the growing site's stacks (it ran, or called
 *     what allocated);
 *  2. a closure on the finding's retainer path is on them: the code that holds the collection is
 *     the code under which the growing bytes were allocated. Needed because V8 samples physical
 *     frames: a constructor inlined into its caller by the optimiser is not on any sampled stack.
 * Of several growing sites, the fastest-growing wins. No link (plain literals, arrays, no closure
 * on the path), no name: a guess by size or timing would be wrong as often as right. Mutates the
 * findings (adds `allocatedAt` and one line of evidence). `graph` is the last snapshot, taken
 * with the last profile.
 */
export function addAllocatedAt(
  graph: HeapGraph,
  findings: Finding[],
  growing: readonly { site: AllocationSite; frames: Set<string> }[],
): void {
  if (growing.length === 0 || findings.length === 0) return;
  const locs = graph.locations;
  const locationOf = new Map<number, number>();
  for (let i = 0; i < locs.count; i++) locationOf.set(locs.nodeOrdinal[i], i);
  const ids = new NodeIdIndex(graph);
  const functionsOf = (nodeIds: readonly number[], closuresOnly: boolean) => {
    const keys = new Map<string, string>();
    for (const id of nodeIds) {
      const ordinal = ids.ordinalOf(id);
      const at = ordinal >= 0 ? locationOf.get(ordinal) : undefined;
      if (at === undefined || (closuresOnly && graph.nodeType[ordinal] !== graph.types.closure)) continue;
      keys.set(frameKey(locs.scriptId[at], locs.line[at], locs.column[at]), graph.strings.get(graph.nodeName[ordinal]) || '(anonymous)');
    }
    return keys;
  };
  for (const finding of findings) {
    const links: { keys: Map<string, string>; why: (name: string) => string }[] = [
      { keys: functionsOf(finding.nodeIds.slice(0, MAX_LOOKUPS), false), why: (name) => `\`${name}\`, the constructor of these objects` },
      { keys: functionsOf(finding.path.map((s) => s.id), true), why: (name) => `${name}(), the closure on the retainer path` },
    ];
    found: for (const link of links) {
      if (link.keys.size === 0) continue;
      // `growing` is sorted by growth, largest first.
      for (const { site, frames } of growing) {
        const matched = [...link.keys].find(([key]) => frames.has(key));
        if (!matched) continue;
        finding.allocatedAt = { script: site.script, line: site.line, column: site.column, functionName: site.functionName };
        finding.evidence.push(
          `Sampled allocations in ${site.functionName || '(anonymous)'}() at ${shortScript(site.script)}:${site.line}, on stacks through ` +
            `${link.why(matched[1])}, grew by ${formatBytes(site.growth)} per snapshot and stayed alive.`,
        );
        break found;
      }
    }
  }
}

function shortScript(url: string): string {
  const slash = url.lastIndexOf('/');
  return slash >= 0 ? url.slice(slash + 1) : url;
}
