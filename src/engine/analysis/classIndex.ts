import { HeapGraph } from '../graph/heapGraph';
import { detachedNatives } from './detachedNatives';
import { InterfaceDefinition, inferInterfaceDefinitions, matchInterfaces } from './interfaceNames';

/**
 * Which Summary row each node belongs to, with DevTools' naming (learned from its heap snapshot
 * worker): hidden → "(system)", code → "(compiled code)", closure → "Function", regexp → "RegExp",
 * object and native → their name (`<div id=x>` shortened to `<div>`; detached natives prefixed
 * "Detached ", see detachedNatives.ts), plain objects by shape
 * (`{a, b}`, see interfaceNames.ts), every other type → "(type)". Objects with a constructor
 * location form separate rows per location (two classes may share a name), as DevTools does.
 * Indexing: `classOf[nodeOrdinal]` is a class ordinal into `names`/`keys`.
 */
export interface ClassIndex {
  readonly classOf: Uint32Array;
  readonly names: readonly string[];
  /** Stable across snapshots of one process: ",name" or "script,line,column,name". */
  readonly keys: readonly string[];
  readonly definitions: readonly InterfaceDefinition[];
}

export async function buildClassIndex(graph: HeapGraph, checkpoint: () => Promise<void>): Promise<ClassIndex> {
  const t = graph.types;
  const names: string[] = [];
  const keys: string[] = [];
  const byKey = new Map<string, number>();
  const classFor = (name: string, key: string) => {
    let c = byKey.get(key);
    if (c === undefined) {
      c = names.length;
      names.push(name);
      keys.push(key);
      byKey.set(key, c);
    }
    return c;
  };
  const plain = (name: string) => classFor(name, `,${name}`);
  const located = (node: number, name: string) => {
    const at = locationOf[node];
    return classFor(name, `${loc.scriptId[at]},${loc.line[at]},${loc.column[at]},${name}`);
  };

  // Per node ordinal: its entry in `locations`, or -1.
  const locationOf = new Int32Array(graph.nodeCount).fill(-1);
  const loc = graph.locations;
  for (let i = 0; i < loc.count; i++) if (loc.nodeOrdinal[i] < graph.nodeCount) locationOf[loc.nodeOrdinal[i]] = i;

  // Class per name string index (-1: not seen yet), so each distinct name is decoded once.
  const byNameIndex = new Int32Array(graph.strings.count).fill(-1);
  const typeClass = new Map<number, number>();
  const fixed = new Map<number, string>([
    [t.hidden, '(system)'], [t.code, '(compiled code)'], [t.closure, 'Function'], [t.regexp, 'RegExp'],
  ]);
  let objectName = -1;
  const detached = detachedNatives(graph);
  const detachedByNameIndex = new Map<number, number>();
  const classOf = new Uint32Array(graph.nodeCount);
  // Columns in locals: the loop runs once per node.
  const { nodeType, nodeName, nodeCount } = graph;
  const objectType = t.object;
  const nativeType = t.native;
  for (let node = 0; node < nodeCount; node++) {
    if ((node & 0xffff) === 0) await checkpoint();
    const type = nodeType[node];
    if (detached !== null && detached[node]) {
      const nameIndex = nodeName[node];
      let c = detachedByNameIndex.get(nameIndex);
      if (c === undefined) {
        c = plain(displayClassName(`Detached ${graph.strings.get(nameIndex)}`));
        detachedByNameIndex.set(nameIndex, c);
      }
      classOf[node] = c;
      continue;
    }
    if (type === objectType || type === nativeType) {
      const nameIndex = nodeName[node];
      let c = byNameIndex[nameIndex];
      let name: string;
      if (c < 0) {
        name = displayClassName(graph.strings.get(nameIndex));
        c = plain(name);
        byNameIndex[nameIndex] = c;
      } else {
        name = names[c];
      }
      if (objectName < 0 && type === objectType && name === 'Object') objectName = nameIndex;
      classOf[node] = type === objectType && locationOf[node] >= 0 ? located(node, name) : c;
      continue;
    }
    let c = typeClass.get(type);
    if (c === undefined) {
      c = plain(fixed.get(type) ?? `(${graph.meta.nodeTypes[type]})`);
      typeClass.set(type, c);
    }
    classOf[node] = c;
  }

  let definitions: InterfaceDefinition[] = [];
  if (objectName >= 0) {
    definitions = inferInterfaceDefinitions(graph, objectName);
    await checkpoint();
    const match = matchInterfaces(graph, objectName, definitions);
    const defClass = definitions.map((d) => plain(d.name));
    for (let node = 0; node < graph.nodeCount; node++) {
      if (match[node] < 0) continue;
      classOf[node] = locationOf[node] >= 0 ? located(node, definitions[match[node]].name) : defClass[match[node]];
    }
  }
  return { classOf, names, keys, definitions };
}

/** `<div id="a">` → `<div>`, `Detached <div id="a">` → `Detached <div>`; other names unchanged. */
export function displayClassName(name: string): string {
  if (name.startsWith('<')) {
    const space = name.indexOf(' ');
    return space === -1 ? name : `${name.slice(0, space)}>`;
  }
  if (name.startsWith('Detached <')) {
    const space = name.indexOf(' ', 10);
    return space === -1 ? name : `${name.slice(0, space)}>`;
  }
  return name;
}
