import { GraphReader } from './graphReader';

/**
 * Entries of a Map, Set, Array or dictionary object as the snapshot shows them (values that are
 * small integers have no node, so arrays of them count 0). A Map/Set's `table` has internal edges
 * named by slot; V8's OrderedHashMap strides 3 slots per entry (key, value, chain) and the
 * OrderedHashSet 2 (key, chain), so the busiest slot residue counts the entries; slots of
 * deleted entries (V8 leaves the hole there until it rebuilds the table) are not counted. -1 when
 * `node` is not a collection.
 */
export function collectionEntries(r: GraphReader, node: number): number {
  const g = r.graph;
  const name = r.name(node);
  if (name === 'Map' || name === 'Set') {
    const table = r.child(node, 'table', g.edgeTypes.internal);
    if (table < 0) return 0;
    const stride = name === 'Map' ? 3 : 2;
    const residues = new Array<number>(stride).fill(0);
    for (let e = g.firstEdge[table]; e < g.firstEdge[table + 1]; e++) {
      const slot = Number(r.edgeName(e));
      // Deleted entries keep their slots until the table is rebuilt, holding the hole oddball.
      if (Number.isInteger(slot) && r.oddballValue(g.edgeToNode[e]) === null && r.name(g.edgeToNode[e]) !== 'system / Oddball') residues[slot % stride] += 1;
    }
    return Math.max(...residues);
  }
  if (name === 'Array') {
    let n = 0;
    for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) if (g.edgeType[e] === g.edgeTypes.element) n++;
    return n;
  }
  if (name === 'Object') {
    let n = 0;
    // V8 writes the prototype as a property edge `__proto__`: it is not an entry.
    for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) {
      if (g.edgeType[e] === g.edgeTypes.element || (g.edgeType[e] === g.edgeTypes.property && r.edgeName(e) !== '__proto__')) n++;
    }
    return n;
  }
  return -1;
}
