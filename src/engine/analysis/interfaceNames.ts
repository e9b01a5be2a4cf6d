import { TypedSnapshot } from '../graph/heapGraph';
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
 * Indexing: plain objects by their index in the caller's list, shapes by ShapeTable ordinal.
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

/**
 * Definitions and each plain object's match. `plainNodes[0 .. plainCount)` are the plain objects'
 * node ordinals in ascending order. Result: `definitionOf(i)` for list index i is a definition
 * index or -1. Work is per shape (ShapeTable): one pass over the objects' edges numbers shapes,
 * then naming and matching run once per shape.
 */
export interface InterfaceNames {
  readonly definitions: InterfaceDefinition[];
  /** Per list index: the object's shape ordinal. */
  readonly shapeOf: Uint32Array;
  /** Per shape ordinal: the definition it matches, or -1. */
  readonly shapeDefinition: Int32Array;
}

/** `room`, if given and at least plainCount words, holds the result's shapeOf. */
export function nameInterfaces(graph: TypedSnapshot, plainNodes: Uint32Array, plainCount: number, room?: Uint32Array): InterfaceNames {
  const table = new ShapeTable(graph);
  const shapeOf = room && room.length >= plainCount ? room.subarray(0, plainCount) : new Uint32Array(plainCount);
  for (let i = 0; i < plainCount; i++) shapeOf[i] = table.shapeOf(plainNodes[i]);
  const shapeCount = new Uint32Array(table.size);
  for (let i = 0; i < plainCount; i++) shapeCount[shapeOf[i]]++;
  const definitions = inferDefinitions(graph, table, shapeCount, plainCount);
  const shapeDefinition = matchShapes(graph, table, definitions);
  return { definitions, shapeOf, shapeDefinition };
}

/**
 * Step 1 and 2. Shapes are visited in first-seen order, so a name's first shape holds its first
 * object and `counts` keeps the order in which names are first proposed.
 */
function inferDefinitions(graph: TypedSnapshot, table: ShapeTable, shapeCount: Uint32Array, plainCount: number): InterfaceDefinition[] {
  const property = graph.edgeTypes.property;
  const { firstEdge, edgeType, edgeNameOrIndex, strings } = graph;
  const counts = new Map<string, { properties: string[]; count: number }>();
  for (let shape = 0; shape < table.size; shape++) {
    const node = table.representative(shape);
    let name = '{';
    const properties: string[] = [];
    for (let e = firstEdge[node]; e < firstEdge[node + 1]; e++) {
      if (edgeType[e] !== property) continue;
      const prop = strings.get(edgeNameOrIndex[e]);
      if (prop === '__proto__') continue;
      const formatted = formatPropertyName(prop);
      if (name.length > 1 && name.length + formatted.length > MAX_NAME_LENGTH) break;
      name += (name.length > 1 ? ', ' : '') + formatted;
      properties.push(prop);
    }
    if (properties.length === 0) continue;
    name += '}';
    const entry = counts.get(name);
    if (entry) entry.count += shapeCount[shape];
    else counts.set(name, { properties, count: shapeCount[shape] });
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
 * Step 3: matches each shape against the definitions (subset match over sorted property names,
 * walking a trie of the definitions' sorted properties with a set of live states).
 * Returns per shape ordinal the definition index, or -1.
 */
function matchShapes(graph: TypedSnapshot, table: ShapeTable, definitions: InterfaceDefinition[]): Int32Array {
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

  const result = new Int32Array(table.size).fill(-1);
  const property = graph.edgeTypes.property;
  const { firstEdge, edgeType, edgeNameOrIndex, strings } = graph;
  const props: string[] = [];
  for (let shape = 0; shape < table.size; shape++) {
    const node = table.representative(shape);
    props.length = 0;
    for (let e = firstEdge[node]; e < firstEdge[node + 1]; e++) {
      if (edgeType[e] === property) props.push(strings.get(edgeNameOrIndex[e]));
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
    result[shape] = best;
  }
  return result;
}
