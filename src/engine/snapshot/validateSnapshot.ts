import { ChunkedStringTable } from './chunkedStringTable';
import { EdgeSectionSink } from './edgeSectionSink';
import { emptyLocations, LocationSectionSink } from './locationSectionSink';
import { NodeSectionSink } from './nodeSectionSink';
import { ParsedSnapshot } from './parsedSnapshot';
import { SnapshotLayout } from './snapshotLayout';
import { SnapshotParseError } from './snapshotParseError';
import { TraceSections } from './traceSections';

export interface ReadSections {
  layout: SnapshotLayout | null;
  nodes: NodeSectionSink | null;
  edges: EdgeSectionSink | null;
  locations: LocationSectionSink | null;
  strings: ChunkedStringTable | null;
  /** Made with the layout when the snapshot has allocation traces. */
  traces: TraceSections | null;
  /** Top-level keys in file order, to say what a file that is not a snapshot looks like. */
  keys: string[];
}

/**
 * The checks that need more than one section (each section checks itself as it is read): all
 * required sections are there and every name index points into the strings. Everything else
 * (types in their enum, to_node on a node, counts matching the header) was checked per record,
 * so what passes here is a consistent graph.
 */
export function validateSnapshot(file: string, fileSize: number, read: ReadSections): ParsedSnapshot {
  const fail = (position: number, detail: string): never => {
    throw new SnapshotParseError(file, position, detail);
  };
  const { layout, nodes, edges, strings } = read;
  if (!layout) {
    const keys = read.keys.slice(0, 6).map((k) => JSON.stringify(k)).join(', ');
    const looksLikeProfile = read.keys.includes('samples') && read.keys.includes('timeDeltas');
    return fail(fileSize, `not a V8 heap snapshot: no "snapshot" section (top-level keys: ${keys || 'none'})` +
      (looksLikeProfile ? '; this looks like a .cpuprofile' : ''));
  }
  if (!nodes) return fail(fileSize, 'no "nodes" section');
  if (!edges) return fail(fileSize, 'no "edges" section');
  if (!strings) return fail(fileSize, 'no "strings" section');
  if (nodes.maxName >= strings.count) {
    fail(nodes.maxNamePosition, `node name ${nodes.maxName} is beyond the ${strings.count} strings`);
  }
  if (edges.maxName >= strings.count) {
    fail(edges.maxNamePosition, `edge name ${edges.maxName} is beyond the ${strings.count} strings`);
  }
  return {
    meta: layout.meta,
    nodeCount: layout.nodeCount,
    edgeCount: layout.edgeCount,
    ...nodes.columns,
    ...edges.columns,
    strings,
    locations: read.locations ? read.locations.result() : emptyLocations(),
    allocationTraces: read.traces ? read.traces.result(strings.count, fileSize) : null,
  };
}
