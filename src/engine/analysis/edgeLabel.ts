import { retainerOwner } from '../graph/retainerOwner';
import { HeapGraph } from '../graph/heapGraph';

/**
 * Plain words for one edge of a retainer path or retainers list, e.g. "property `foo`",
 * "element [7697]", "value in Map", "captured variable `big` of closure onDone()".
 * How V8 lays these out (Node 20, see docs/leak-patterns.md): a Map/Set keeps an
 * internal `table` array whose internal edges are named by slot index; a closure's internal
 * `context` edge leads to a "system / Context" whose `context`-type edges are the captured
 * variables; WeakMap entries are internal edges named "… part of key (…) -> value (…) pair in
 * WeakMap (table @N)". `viaClosure` names the closure a path came through to this context.
 */
export function edgeLabel(graph: HeapGraph, edge: number, from: number, viaClosure: number | null = null): string {
  const et = graph.edgeTypes;
  const type = graph.edgeType[edge];
  const raw = graph.edgeNameOrIndex[edge];
  if (from !== graph.root && graph.nodeType[from] === graph.types.synthetic) {
    // A root group's entries are unnamed slots: say whose they are.
    const named = type !== et.element && type !== et.hidden;
    return `held by ${graph.strings.get(graph.nodeName[from])} ${named ? `\`${graph.strings.get(raw)}\`` : `[${raw}]`}`;
  }
  switch (type) {
    case et.element:
      return mapSlotLabel(graph, from, raw) ?? `element [${raw}]`;
    case et.hidden:
      return mapSlotLabel(graph, from, raw) ?? `internal link [${raw}]`;
    case et.context:
      return capturedVariableLabel(graph, from, graph.strings.get(raw), viaClosure);
    case et.property: {
      const name = graph.strings.get(raw);
      return name === '__proto__' ? 'prototype (`__proto__`)' : `property \`${name}\``;
    }
    case et.shortcut: {
      const name = graph.strings.get(raw);
      return from === graph.root && isGlobalName(graph.strings.get(graph.nodeName[graph.edgeToNode[edge]])) ? 'global object' : `shortcut \`${name}\``;
    }
    case et.weak:
      return `weak reference \`${graph.strings.get(raw)}\``;
    case et.internal:
      return internalLabel(graph, from, graph.strings.get(raw));
    default:
      return `${graph.meta.edgeTypes[type] ?? 'edge'} \`${String(raw)}\``;
  }
}

function isGlobalName(name: string): boolean {
  return name === 'global' || name.startsWith('global /') || name === 'Window' || name.startsWith('Window /');
}

const INTERNAL_WORDS: Record<string, string> = {
  context: 'closure context',
  previous: 'enclosing context',
  elements: 'array elements',
  properties: 'property store',
  table: 'entries table',
  buffer: 'underlying ArrayBuffer',
  backing_store: 'backing store',
  shared: 'function info',
  map: 'hidden class (map)',
  code: 'compiled code',
  function: 'suspended function',
  parameters_and_registers: 'locals of suspended function',
  scope_info: 'scope info',
  feedback_cell: 'feedback cell',
  native_context: 'native context',
  prototype_or_initial_map: 'prototype or initial map',
};

function internalLabel(graph: HeapGraph, from: number, name: string): string {
  const weakMap = /pair in (WeakMap|WeakSet) \(table @\d+\)$/.exec(name);
  // V8 writes an ephemeron's value twice: from the table and from the key.
  if (weakMap) return graph.nodeType[from] === graph.types.array ? `value in ${weakMap[1]}` : `${weakMap[1]} value keyed by this object`;
  if (/^\d+$/.test(name)) return mapSlotLabel(graph, from, Number(name)) ?? `internal slot ${name}`;
  if (name === 'table') {
    const owner = collectionKind(graph, from);
    if (owner) return `entries table of ${owner}`;
  }
  return INTERNAL_WORDS[name] ?? `internal \`${name}\``;
}

/** "Map" / "Set" when `node` is such an object, else null. */
function collectionKind(graph: HeapGraph, node: number): string | null {
  if (graph.nodeType[node] !== graph.types.object) return null;
  const name = graph.strings.get(graph.nodeName[node]);
  return name === 'Map' || name === 'Set' || name === 'WeakMap' || name === 'WeakSet' ? name : null;
}

/** If `table` is the entries array of a Map or Set, which kind. */
function tableOwner(graph: HeapGraph, table: number): string | null {
  const internal = graph.edgeTypes.internal;
  for (let r = graph.firstRetainer[table]; r < graph.firstRetainer[table + 1]; r++) {
    const e = graph.retainerEdge[r];
    if (graph.edgeType[e] !== internal || graph.strings.get(graph.edgeNameOrIndex[e]) !== 'table') continue;
    const kind = collectionKind(graph, retainerOwner(graph, r));
    if (kind) return kind;
  }
  return null;
}

/**
 * V8's OrderedHashMap: 3 header slots, B bucket slots, then 2B entries of (key, value, chain);
 * an OrderedHashSet has entries of (key, chain). B comes from the array's size when that is
 * still V8's (16 + 8 × (3 + 7B) bytes), else from which slot residues (mod 3) occur.
 */
function mapSlotLabel(graph: HeapGraph, table: number, slot: number): string | null {
  if (graph.nodeType[table] !== graph.types.array) return null;
  const kind = tableOwner(graph, table);
  if (!kind || kind.startsWith('Weak')) return null;
  if (kind === 'Set') return 'value in Set';
  const buckets = bucketCount(graph, table);
  if (buckets === null) return 'entry in Map';
  const offset = (slot - 3 - buckets) % 3;
  return offset === 0 ? 'key in Map' : offset === 1 ? 'value in Map' : 'entry in Map';
}

function bucketCount(graph: HeapGraph, table: number): number | null {
  const size = graph.rawSelfSize[table];
  const fromSize = ((size - 16) / 8 - 3) / 7;
  if (size > 0 && Number.isInteger(fromSize) && fromSize > 0 && (fromSize & (fromSize - 1)) === 0) return fromSize;
  const residues = new Set<number>();
  for (let e = graph.firstEdge[table]; e < graph.firstEdge[table + 1]; e++) {
    const t = graph.edgeType[e];
    let slot: number;
    if (t === graph.edgeTypes.internal) {
      const name = graph.strings.get(graph.edgeNameOrIndex[e]);
      if (!/^\d+$/.test(name)) continue;
      slot = Number(name);
    } else if (t === graph.edgeTypes.element || t === graph.edgeTypes.hidden) {
      slot = graph.edgeNameOrIndex[e];
    } else continue;
    residues.add(slot % 3);
  }
  // B ≡ 2 (mod 3) puts keys at residue 2 and values at 0; B ≡ 1 puts them at 1 and 2.
  if (residues.has(0)) return 2;
  if (residues.has(1)) return 4;
  return null;
}

function capturedVariableLabel(graph: HeapGraph, context: number, variable: string, viaClosure: number | null): string {
  const closure = viaClosure !== null ? functionName(graph, viaClosure) : closureOfContext(graph, context);
  return closure === null ? `captured variable \`${variable}\`` : `captured variable \`${variable}\` of closure ${closure}()`;
}

/** Name of a closure whose own context this is, else of one whose context chain reaches it. */
export function closureOfContext(graph: HeapGraph, context: number): string | null {
  const internal = graph.edgeTypes.internal;
  let inner: number | null = null;
  for (let r = graph.firstRetainer[context]; r < graph.firstRetainer[context + 1]; r++) {
    const e = graph.retainerEdge[r];
    if (graph.edgeType[e] !== internal) continue;
    const name = graph.strings.get(graph.edgeNameOrIndex[e]);
    const from = retainerOwner(graph, r);
    if (name === 'context' && graph.nodeType[from] === graph.types.closure) return functionName(graph, from);
    if (name === 'previous' && inner === null) inner = from;
  }
  if (inner === null) return null;
  // One level out is enough to name the scope; deeper chains would make this unbounded.
  for (let r = graph.firstRetainer[inner]; r < graph.firstRetainer[inner + 1]; r++) {
    const e = graph.retainerEdge[r];
    const from = retainerOwner(graph, r);
    if (graph.edgeType[e] === internal && graph.nodeType[from] === graph.types.closure && graph.strings.get(graph.edgeNameOrIndex[e]) === 'context') {
      return functionName(graph, from);
    }
  }
  return null;
}

export function functionName(graph: HeapGraph, closure: number): string {
  return graph.strings.get(graph.nodeName[closure]) || '(anonymous)';
}
