import { constants } from 'node:buffer';
import { SnapshotMeta } from './parsedSnapshot';
import { SnapshotParseError } from './snapshotParseError';
import { readTraceLayout, TraceLayout } from './traceLayout';

/**
 * Where each field sits in a node, edge and location record, read once from `snapshot.meta`.
 * V8 has changed the layout over time (Node 20 writes 7 node fields, older V8 6, newer may add
 * more), so no position is ever assumed.
 */
export interface SnapshotLayout {
  readonly meta: SnapshotMeta;
  /** From the header; the arrays must agree. */
  readonly nodeCount: number;
  /**
   * Whether a node's position in `nodes` (ordinal × node fields, as edges' to_node and locations'
   * object_index give it) can pass 2^32: then those two columns are read wide (see WideColumn).
   */
  readonly widePositions: boolean;
  readonly edgeCount: number;
  readonly nodeFieldCount: number;
  readonly edgeFieldCount: number;
  readonly locationFieldCount: number;
  readonly node: { type: number; name: number; id: number; selfSize: number; edgeCount: number; detachedness: number };
  readonly edge: { type: number; nameOrIndex: number; toNode: number };
  /** null when meta has no location_fields (older V8 writes no locations). */
  readonly location: { objectIndex: number; scriptId: number; line: number; column: number } | null;
  /** Per edge type: 1 where name_or_index is a string index (not 'element' or 'hidden'). */
  readonly edgeNameIsString: Uint8Array;
  /** Allocation traces (trackAllocations), or null for a snapshot without them: see traceLayout.ts. */
  readonly trace: TraceLayout | null;
}

/** Edge types whose name_or_index V8 writes as a string index. Others are numbers or unknown. */
const STRING_NAMED_EDGE_TYPES: ReadonlySet<string> = new Set(['context', 'property', 'internal', 'shortcut', 'weak']);

/** A typed array of one byte per enum value holds at most this many values. */
const MAX_ENUM = 256;
/**
 * Far beyond any V8 layout (7 node fields); keeps a record well inside one batch of numbers (a
 * thirty-second of it). Other writers may add fields, which the parser steps over.
 */
const MAX_FIELDS = 1024;

/**
 * Validates the parsed `snapshot` header and derives the layout. `position` is where the header
 * starts in the file, for error messages; `fileSize` bounds node_count/edge_count so a lying
 * header cannot make us allocate more than the file could possibly describe.
 */
export function readSnapshotLayout(
  header: unknown,
  file: string,
  position: number,
  fileSize: number,
  /** How `fileSize` reads in the error: a gzip file's is a bound on what it can inflate to. */
  sizeWords = 'the file has',
): SnapshotLayout {
  const fail = (detail: string): never => {
    throw new SnapshotParseError(file, position, detail);
  };
  if (!isRecord(header)) return fail('"snapshot" is not an object');
  const meta = header.meta;
  if (!isRecord(meta)) return fail('unsupported heap snapshot version: no snapshot.meta');

  const nodeFields = stringList(meta.node_fields, 'snapshot.meta.node_fields', fail);
  const edgeFields = stringList(meta.edge_fields, 'snapshot.meta.edge_fields', fail);
  const locationFields = meta.location_fields === undefined ? [] : stringList(meta.location_fields, 'snapshot.meta.location_fields', fail);

  const field = (fields: readonly string[], name: string, where: string, required = true): number => {
    const at = fields.indexOf(name);
    if (at < 0 && required) fail(`unsupported heap snapshot version: ${where} has no '${name}'`);
    if (at >= 0 && fields.indexOf(name, at + 1) >= 0) fail(`${where} lists '${name}' twice`);
    return at;
  };
  const node = {
    type: field(nodeFields, 'type', 'snapshot.meta.node_fields'),
    name: field(nodeFields, 'name', 'snapshot.meta.node_fields'),
    id: field(nodeFields, 'id', 'snapshot.meta.node_fields'),
    selfSize: field(nodeFields, 'self_size', 'snapshot.meta.node_fields'),
    edgeCount: field(nodeFields, 'edge_count', 'snapshot.meta.node_fields'),
    detachedness: field(nodeFields, 'detachedness', 'snapshot.meta.node_fields', false),
  };
  const edge = {
    type: field(edgeFields, 'type', 'snapshot.meta.edge_fields'),
    nameOrIndex: field(edgeFields, 'name_or_index', 'snapshot.meta.edge_fields'),
    toNode: field(edgeFields, 'to_node', 'snapshot.meta.edge_fields'),
  };
  // node_types[i] describes node_fields[i]; the entry for 'type' lists the enum's names.
  const nodeTypes = enumNames(meta.node_types, node.type, 'snapshot.meta.node_types', fail);
  const edgeTypes = enumNames(meta.edge_types, edge.type, 'snapshot.meta.edge_types', fail);
  const location = locationFields.length === 0 ? null : {
    objectIndex: field(locationFields, 'object_index', 'snapshot.meta.location_fields'),
    scriptId: field(locationFields, 'script_id', 'snapshot.meta.location_fields'),
    line: field(locationFields, 'line', 'snapshot.meta.location_fields'),
    column: field(locationFields, 'column', 'snapshot.meta.location_fields'),
  };

  const nodeCount = count(header.node_count, 'snapshot.node_count', fail);
  const edgeCount = count(header.edge_count, 'snapshot.edge_count', fail);
  if (nodeCount === 0) fail('snapshot.node_count is 0: a heap snapshot has at least its root node');
  // Every number takes at least one digit and one separator.
  const leastBytes = (nodeCount * nodeFields.length + edgeCount * edgeFields.length) * 2;
  if (leastBytes > fileSize + 2) {
    fail(`snapshot.node_count ${nodeCount} and edge_count ${edgeCount} need at least ${leastBytes} bytes, but ${sizeWords} ${fileSize}`);
  }
  // Edges and locations name a node by its position in `nodes` (ordinal × node fields): known
  // here, before any number is read, whether those can pass the tokenizer's 32 bits.
  const widePositions = (nodeCount - 1) * nodeFields.length > 0xffffffff;
  // Checked here, not met as a RangeError after the parse: see mostNodes.
  const most = mostNodes(constants.MAX_LENGTH);
  if (nodeCount > most) {
    fail(`snapshot.node_count ${nodeCount} is past ${most}, the most nodes this Node.js (${process.version}) can analyse: its typed arrays hold at most ${constants.MAX_LENGTH} entries, and the dominators take 3 per node (Node.js 22 and later hold more)`);
  }

  let rootOrdinal = 0;
  if (header.root_index !== undefined) {
    const rootIndex = count(header.root_index, 'snapshot.root_index', fail);
    if (rootIndex % nodeFields.length !== 0 || rootIndex / nodeFields.length >= nodeCount) {
      fail(`snapshot.root_index ${rootIndex} is not the start of a node`);
    }
    rootOrdinal = rootIndex / nodeFields.length;
  }

  const edgeNameIsString = new Uint8Array(edgeTypes.length);
  edgeTypes.forEach((name, i) => (edgeNameIsString[i] = STRING_NAMED_EDGE_TYPES.has(name) ? 1 : 0));

  return {
    meta: { nodeFields, nodeTypes, edgeFields, edgeTypes, locationFields, rootOrdinal },
    nodeCount,
    widePositions,
    edgeCount,
    nodeFieldCount: nodeFields.length,
    edgeFieldCount: edgeFields.length,
    locationFieldCount: locationFields.length,
    node,
    edge,
    location,
    edgeNameIsString,
    trace: readTraceLayout(header, meta, nodeFields, fail),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string, fail: (detail: string) => never): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v): v is string => typeof v === 'string')) {
    return fail(`${where} is not a list of field names`);
  }
  if (value.length > MAX_FIELDS) fail(`${where} has ${value.length} fields; at most ${MAX_FIELDS} are supported`);
  return value;
}

/** node_types / edge_types: the entry at the `type` field's index lists the names of the enum. */
function enumNames(value: unknown, typeField: number, where: string, fail: (detail: string) => never): string[] {
  if (!Array.isArray(value) || value.length <= typeField) return fail(`${where} is not an array with an entry per field`);
  const names: unknown = value[typeField];
  if (!Array.isArray(names) || names.length === 0 || !names.every((v): v is string => typeof v === 'string')) {
    return fail(`${where}[${typeField}] is not a list of type names`);
  }
  if (names.length > MAX_ENUM) fail(`${where}[${typeField}] has ${names.length} type names; at most ${MAX_ENUM} are supported`);
  return names;
}

/**
 * The most nodes whose largest array fits a typed array of at most `maxLength` entries (the
 * running Node's `buffer.constants.MAX_LENGTH`: 2^32 on Node 20, 2^53 - 1 from Node 22): the
 * dominators' spare holds 3 words per node and one more (lengauerTarjan.ts); every other array
 * takes at most 2 per node or 1 per edge. Never past MAX_COUNT.
 */
export function mostNodes(maxLength: number): number {
  return Math.min(MAX_COUNT, Math.floor(maxLength / 3) - 1);
}

/** Node and edge ordinals (and node_count + 1 first-edge entries) are 32-bit throughout the graph, so counts stop at 2^32 - 2. */
const MAX_COUNT = 0xfffffffe;

function count(value: unknown, where: string, fail: (detail: string) => never): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return fail(`${where} is not a count: ${JSON.stringify(value) ?? String(value)}`);
  }
  if (value > MAX_COUNT) fail(`${where} ${value} is past ${MAX_COUNT}, the most Heapscope can index (32-bit ordinals)`);
  return value;
}
