import { GraphReader } from './graphReader';

/** The long-lived container (or variable) that keeps an object, in plain words. */
export interface Holder {
  /** The Map, Set, Array or object; for a captured variable, the Context. */
  node: number;
  kind: 'Map' | 'Set' | 'Array' | 'object' | 'variable';
  /** The name the program knows it by (variable or property), or null. */
  name: string | null;
  /** "Map `etagCache`", "Array `free` of ResponseBufferPool", "variable `rows`". */
  label: string;
  /** The node the container holds directly on the way down to the object (its entry). */
  entry: number;
}

/** Objects with at least this many properties are read as keyed containers, not wrappers. */
const KEYED_OBJECT_MIN_PROPERTIES = 16;

/**
 * Walks up from `node` along each step's retainer closest to the root, through small wrapper
 * objects ({res, backlog}, an entry record) and element stores, to the first collection: a
 * Map/Set (through its `table`), an Array (through its elements), an object used as a keyed
 * container, or a closure Context (a captured variable). Null when the walk reaches something
 * else (a closure, code, a root) first. Iterative and bounded by `maxHops`.
 */
export function holderOf(reader: GraphReader, node: number, maxHops = 6, preferCollections = false): Holder | null {
  const g = reader.graph;
  let cur = node;
  for (let hop = 0; hop < maxHops; hop++) {
    const up = (preferCollections ? collectionRetainer(reader, cur) : null) ?? reader.closestRetainer(cur);
    if (!up) return null;
    const { from, edge } = up;
    const type = g.edgeType[edge];
    const fromName = reader.name(from);
    if (g.nodeType[from] === g.types.array) {
      const owner = arrayOwner(reader, from, cur);
      if (owner) return owner;
      cur = from;
      continue;
    }
    if (type === g.edgeTypes.context && fromName === 'system / Context') {
      const variable = reader.edgeName(edge);
      return { node: from, kind: 'variable', name: variable, label: `variable \`${variable}\``, entry: cur };
    }
    if (g.nodeType[from] !== g.types.object) return null;
    if (fromName === 'Array') return describe(reader, from, 'Array', cur);
    if (fromName === 'Map' || fromName === 'Set') return describe(reader, from, fromName, cur);
    // A plain object with many keys is a dictionary; a class instance with many fields is not.
    if (type === g.edgeTypes.element || (fromName === 'Object' && propertyCount(reader, from) >= KEYED_OBJECT_MIN_PROPERTIES)) {
      return describe(reader, from, 'object', cur);
    }
    cur = from;
  }
  return null;
}

/**
 * The closest retainer of `node` that is a collection's slot (an Array's element, a Map/Set
 * table's slot), or null: an object also kept by, say, a socket's current-request field, is
 * still an entry of the collection that keeps it for good.
 */
function collectionRetainer(reader: GraphReader, node: number): { from: number; edge: number } | null {
  const g = reader.graph;
  let best: { from: number; edge: number } | null = null;
  reader.forEachRetainer(node, (from, edge) => {
    if (!reader.reachable(from) || (best && g.distance[best.from] <= g.distance[from])) return;
    const inArray = g.edgeType[edge] === g.edgeTypes.element && reader.isObject(from, 'Array');
    const inStore = g.nodeType[from] === g.types.array && arrayOwner(reader, from, node) !== null;
    if (inArray || inStore) best = { from, edge };
  });
  return best;
}

/** If `array` is a Map/Set's table or an object's elements store, that owner as a holder. */
function arrayOwner(reader: GraphReader, array: number, entry: number): Holder | null {
  const g = reader.graph;
  let found: Holder | null = null;
  reader.forEachRetainer(array, (from, edge) => {
    if (found || g.edgeType[edge] !== g.edgeTypes.internal) return;
    const name = reader.edgeName(edge);
    const owner = reader.name(from);
    if (name === 'table' && (owner === 'Map' || owner === 'Set')) found = describe(reader, from, owner, entry);
    else if (name === 'elements' && g.nodeType[from] === g.types.object) found = describe(reader, from, owner === 'Array' ? 'Array' : 'object', entry);
  });
  return found;
}

function propertyCount(reader: GraphReader, node: number): number {
  const g = reader.graph;
  let n = 0;
  for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) if (g.edgeType[e] === g.edgeTypes.property) n++;
  return n;
}

function describe(reader: GraphReader, node: number, kind: Holder['kind'], entry: number): Holder {
  return { node, kind, entry, ...nameAndLabel(reader, node, kind === 'object' ? reader.name(node) || 'object' : kind) };
}

/** "Map `etagCache`", "EventEmitter `configBus`", "Array `free` of ResponseBufferPool", or just the class. */
export function nameAndLabel(reader: GraphReader, node: number, what: string): { name: string | null; label: string } {
  const name = holderName(reader, node);
  return { name: name?.name ?? null, label: name ? `${what} \`${name.name}\`${name.owner ? ` of ${name.owner}` : ''}` : what };
}

/**
 * The name a program uses for `node`: the variable or property of its retainer closest to the
 * root (a `context` or `property` edge), with the owning object's class for properties.
 */
export function holderName(reader: GraphReader, node: number): { name: string; owner: string | null } | null {
  const g = reader.graph;
  let best: { name: string; owner: string | null; distance: number } | null = null;
  reader.forEachRetainer(node, (from, edge) => {
    const type = g.edgeType[edge];
    if (type !== g.edgeTypes.context && type !== g.edgeTypes.property) return;
    const name = reader.edgeName(edge);
    if (name === '__proto__' || name === 'constructor') return;
    const d = g.distance[from];
    if (best && best.distance <= d) return;
    const ownerName = reader.name(from);
    const owner = type === g.edgeTypes.property && ownerName && ownerName !== 'Object' && !ownerName.startsWith('system /') ? ownerName : null;
    best = { name, owner, distance: d };
  });
  const found = best as { name: string; owner: string | null; distance: number } | null;
  return found ? { name: found.name, owner: found.owner } : null;
}
