import { HeapGraph } from '../graph/heapGraph';
import { InterfaceDefinition, inferInterfaceDefinitions, matchInterfaces } from './interfaceNames';

/**
 * Which Summary row each node belongs to, with DevTools' naming (learned from its heap snapshot
 * worker): hidden → "(system)", code → "(compiled code)", closure → "Function", regexp → "RegExp",
 * object and native → their name (`<div id=x>` shortened to `<div>`), plain objects by shape
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
    const at = locationOf.get(node) as number;
    return classFor(name, `${loc.scriptId[at]},${loc.line[at]},${loc.column[at]},${name}`);
  };

  const locationOf = new Map<number, number>();
  const loc = graph.locations;
  for (let i = 0; i < loc.count; i++) locationOf.set(loc.nodeOrdinal[i], i);

  // Name → class per string index, so each distinct name is decoded once.
  const byNameIndex = new Map<number, number>();
  const typeClass = new Map<number, number>();
  const fixed = new Map<number, string>([
    [t.hidden, '(system)'], [t.code, '(compiled code)'], [t.closure, 'Function'], [t.regexp, 'RegExp'],
  ]);
  let objectName = -1;
  const classOf = new Uint32Array(graph.nodeCount);
  for (let node = 0; node < graph.nodeCount; node++) {
    if ((node & 0xffff) === 0) await checkpoint();
    const type = graph.nodeType[node];
    if (type === t.object || type === t.native) {
      const nameIndex = graph.nodeName[node];
      let c = byNameIndex.get(nameIndex);
      const name = c === undefined ? displayClassName(graph.strings.get(nameIndex)) : names[c];
      if (c === undefined) {
        c = plain(name);
        byNameIndex.set(nameIndex, c);
        if (type === t.object && name === 'Object') objectName = nameIndex;
      }
      classOf[node] = type === t.object && locationOf.has(node) ? located(node, name) : c;
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
      classOf[node] = locationOf.has(node) ? located(node, definitions[match[node]].name) : defClass[match[node]];
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
