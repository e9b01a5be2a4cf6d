import { HeapGraph } from '../graph/heapGraph';
import { collectionEntries } from './collectionEntries';
import { collectionFix } from './collectionFix';
import { Group, groupDetector, seriesText } from './groupDetector';
import { formatBytes, formatCount, plural } from '../../protocol/format';
import { readerFor } from './graphViews';
import { nameAndLabel } from './holderOf';
import { isNodeBoundedCollection } from './nodeBoundedCollections';

/** Collections retaining less than this are not measured. */
const MIN_RETAINED = 16 * 1024;
const MIN_RETAINED_FINDING = 64 * 1024;
/** A plain object needs this many keys to be read as a dictionary. */
const MIN_OBJECT_KEYS = 32;
const COLLECTION_CLASSES: ReadonlySet<string> = new Set(['Map', 'Set', 'Array', 'Object']);

/**
 * Pattern 3: the same Map/Set/Array/dictionary object (same node id) growing in entries and in
 * retained size at every snapshot of a series of three or more. Caches that warm up and then
 * plateau stop growing and are not reported; a single snapshot cannot tell, so none is.
 */
export const unboundedCollectionDetector = groupDetector<Group>({
  kind: 'unbounded-collection',
  minSnapshots: 3,
  scan,
  accept: (g, growing) => growing && g.bytes >= MIN_RETAINED_FINDING,
  bytesMustGrow: true,
  describe(g, facts) {
    const r = facts.reader;
    const node = g.members[0];
    const { label } = nameAndLabel(r, node, r.name(node) === 'Object' ? 'object' : r.name(node));
    const first = facts.counts[0] ?? 0;
    const perStep = Math.round((g.count - first) / Math.max(1, facts.counts.length - 1));
    return {
      title: `${label} grows without bound: ${plural(g.count, 'entry', 'entries')} (+${formatCount(perStep)} per snapshot)`,
      evidence: [
        `Entries across the series: ${seriesText(facts.counts)}, growing at every snapshot; ${facts.matchedByPath ? `the same object each time (matched by retainer path, as V8 renumbered the ids; @${facts.graph.nodeId[node]} in the last snapshot)` : `the same object (id @${facts.graph.nodeId[node]}) each time`}.`,
        `It keeps ${formatBytes(g.bytes)} alive now.`,
      ],
      fix: collectionFix(r, node, label),
    };
  },
});

function scan(graph: HeapGraph): Group[] {
  const r = readerFor(graph);
  const out: Group[] = [];
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.nodeType[n] !== graph.types.object || graph.retainedSize[n] < MIN_RETAINED || !r.reachable(n)) continue;
    const name = r.name(n);
    if (!COLLECTION_CLASSES.has(name)) continue;
    const entries = collectionEntries(r, n);
    if (entries < 1 || (name === 'Object' && entries < MIN_OBJECT_KEYS)) continue;
    if (isNodeBoundedCollection(r, n, entries)) continue;
    out.push({ key: `coll:${r.idKey(n)}`, members: [n], holder: n, target: n, count: entries, bytes: graph.retainedSize[n] });
  }
  return out;
}
