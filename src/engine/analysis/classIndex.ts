import { TypedSnapshot } from '../graph/heapGraph';
import { detachedNatives } from './detachedNatives';
import { InterfaceDefinition, nameInterfaces } from './interfaceNames';
import { NodeClassifier } from './nodeClassifier';

export { displayClassName } from './displayClassName';

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

/** Nodes classified between checkpoints: the per-node loop runs in a sync helper (see BRIEF). */
const CHUNK = 1 << 17;

/** `into`, if given (nodeCount words, contents ignored), holds the result's classOf. */
export async function buildClassIndex(graph: TypedSnapshot, checkpoint: () => Promise<void>, into?: Uint32Array): Promise<ClassIndex> {
  const classifier = new NodeClassifier(graph, detachedNatives(graph), into);
  for (let from = 0; from < graph.nodeCount; from += CHUNK) {
    await checkpoint();
    classifier.classify(from, Math.min(graph.nodeCount, from + CHUNK));
  }
  let definitions: InterfaceDefinition[] = [];
  if (classifier.plainCount > 0) {
    await checkpoint();
    const named = nameInterfaces(graph, classifier.plainNodes, classifier.plainCount);
    definitions = named.definitions;
    await checkpoint();
    classifier.renamePlainObjects(named);
  }
  const { classOf, names, keys } = classifier;
  return { classOf, names, keys, definitions };
}
