import { HeapGraph } from '../graph/heapGraph';
import { ShapeTable } from './shapeTable';

/**
 * Names plain JS objects (`object "Object"`) by their shape, the way DevTools' Summary groups
 * them, e.g. `{id, name, items}`. Learned from DevTools' heap snapshot worker (inferring
 * "interface definitions"); our own implementation:
 *  1. every plain object proposes a name from its property edges in insertion order (no
 *     `__proto__`), capped at 120 characters once it has one property;
 *  2. names proposed by at least max(2, plainObjects / 1000) objects become definitions,
 *     most popular first;
 *  3. each plain object takes the definition with the most properties whose properties are all
 *     among its own (ties: the more popular); none matching → stays "Object".
 * Indexing: node ordinals; the result maps ordinal → name for plain objects that matched.
 */
const MAX_NAME_LENGTH = 120;
const MIN_OBJECTS_PER_DEFINITION = 2;
const PROPORTION = 1000;

export interface InterfaceDefinition {
  name: string;
  properties: string[];
}

/** A property name as it appears inside `{…}`: quoted when it holds `,'"{}`. */
export function formatPropertyName(name: string): string {
  return /[,'"{}]/.test(name) ? JSON.stringify(name) : name;
}

/** Per node ordinal: 1 for a plain JS object (`object "Object"`). One pass, locals hoisted. */
function plainObjects(graph: HeapGraph, objectName: number): Uint8Array {
  const { nodeType, nodeName, nodeCount } = graph;
  const object = graph.types.object;
  const plain = new Uint8Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) if (nodeType[node] === object && nodeName[node] === objectName) plain[node] = 1;
  return plain;
}

export function inferInterfaceDefinitions(graph: HeapGraph, objectName: number): InterfaceDefinition[] {
  const property = graph.edgeTypes.property;
  const counts = new Map<string, { properties: string[]; count: number }>();
  // Objects of one shape list the same property names: propose once per shape.
  const byShape = new ShapeTable<string | null>(graph);
  const plain = plainObjects(graph, objectName);
  let plainCount = 0;
  for (let node = 0; node < plain.length; node++) {
    if (!plain[node]) continue;
    plainCount++;
    const known = byShape.get(node);
    if (known !== undefined) {
      if (known !== null) (counts.get(known) as { count: number }).count++;
      continue;
    }
    let name = '{';
    const properties: string[] = [];
    for (let e = graph.firstEdge[node]; e < graph.firstEdge[node + 1]; e++) {
      if (graph.edgeType[e] !== property) continue;
      const prop = graph.strings.get(graph.edgeNameOrIndex[e]);
      if (prop === '__proto__') continue;
      const formatted = formatPropertyName(prop);
      if (name.length > 1 && name.length + formatted.length > MAX_NAME_LENGTH) break;
      name += (name.length > 1 ? ', ' : '') + formatted;
      properties.push(prop);
    }
    if (properties.length === 0) {
      byShape.set(node, null);
      continue;
    }
    name += '}';
    byShape.set(node, name);
    const entry = counts.get(name);
    if (entry) entry.count++;
    else counts.set(name, { properties, count: 1 });
  }
  const minCount = Math.max(MIN_OBJECTS_PER_DEFINITION, plainCount / PROPORTION);
  // Array.prototype.sort is stable, so equally popular names keep first-seen order.
  return [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .filter(([, v]) => v.count >= minCount)
    .map(([name, v]) => ({ name, properties: v.properties }));
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Definition index ending here, or -1. */
  definition: number;
  size: number;
  /** Greatest key in `next`: once the object's sorted properties pass it, this state is spent. */
  greatest: string | null;
}

/**
 * Matches each plain object against the definitions (subset match over sorted property names,
 * walking a trie of the definitions' sorted properties with a set of live states).
 * Returns per node ordinal the definition index, or -1.
 */
export function matchInterfaces(graph: HeapGraph, objectName: number, definitions: InterfaceDefinition[]): Int32Array {
  const trie: TrieNode = { next: new Map(), definition: -1, size: 0, greatest: null };
  definitions.forEach((def, index) => {
    let at = trie;
    const sorted = [...def.properties].sort();
    for (const prop of sorted) {
      let child = at.next.get(prop);
      if (!child) {
        child = { next: new Map(), definition: -1, size: at.size + 1, greatest: null };
        at.next.set(prop, child);
        if (at.greatest === null || at.greatest < prop) at.greatest = prop;
      }
      at = child;
    }
    if (at.definition < 0) at.definition = index;
  });

  const better = (a: number, aSize: number, b: number, bSize: number) =>
    b < 0 ? false : a < 0 || bSize > aSize || (bSize === aSize && b < a);

  const result = new Int32Array(graph.nodeCount).fill(-1);
  const property = graph.edgeTypes.property;
  const props: string[] = [];
  const byShape = new ShapeTable<number>(graph);
  const plain = plainObjects(graph, objectName);
  for (let node = 0; node < plain.length; node++) {
    if (!plain[node]) continue;
    const known = byShape.get(node);
    if (known !== undefined) {
      result[node] = known;
      continue;
    }
    props.length = 0;
    for (let e = graph.firstEdge[node]; e < graph.firstEdge[node + 1]; e++) {
      if (graph.edgeType[e] === property) props.push(graph.strings.get(graph.edgeNameOrIndex[e]));
    }
    props.sort();
    let states: TrieNode[] = [trie];
    let best = trie.definition;
    let bestSize = 0;
    for (const prop of props) {
      const nextStates: TrieNode[] = [];
      for (const state of states) {
        const spent = state.greatest === null || prop >= state.greatest;
        if (!spent) nextStates.push(state);
        const child = state.next.get(prop);
        if (child) {
          nextStates.push(child);
          if (better(best, bestSize, child.definition, child.size)) {
            best = child.definition;
            bestSize = child.size;
          }
        }
      }
      states = nextStates;
      if (states.length === 0) break;
    }
    result[node] = best;
    byShape.set(node, best);
  }
  return result;
}
