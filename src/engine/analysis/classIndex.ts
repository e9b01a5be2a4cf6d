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

/**
 * Work memory for buildClassIndex: two arrays of at least a word per node (contents ignored): the
 * plain objects' list in the first; in the second, the per-string classes and the detached marks
 * while classifying, then the plain objects' shapes.
 */
export type ClassIndexScratch = readonly [Uint32Array, Uint32Array];

/** `into`, if given (nodeCount words, contents ignored), holds the result's classOf; `scratch` as ClassIndexScratch. */
export async function buildClassIndex(
  graph: TypedSnapshot, checkpoint: () => Promise<void>, into?: Uint32Array, scratch?: ClassIndexScratch,
): Promise<ClassIndex> {
  const n = graph.nodeCount;
  const work = scratch && scratch[0].length >= n && scratch[1].length >= n ? scratch : undefined;
  const classifier = new NodeClassifier(graph, detachedNatives(graph, work && detachedRoom(work[1], graph)), into, work && {
    plainNodes: work[0],
    byNameIndex: graph.strings.count <= work[1].length ? new Int32Array(work[1].buffer, work[1].byteOffset, graph.strings.count) : undefined,
  });
  for (let from = 0; from < graph.nodeCount; from += CHUNK) {
    await checkpoint();
    classifier.classify(from, Math.min(graph.nodeCount, from + CHUNK));
  }
  let definitions: InterfaceDefinition[] = [];
  if (classifier.plainCount > 0) {
    await checkpoint();
    // The per-string classes and detached marks are spent: the shapes go over them.
    const named = nameInterfaces(graph, classifier.plainNodes, classifier.plainCount, work?.[1]);
    definitions = named.definitions;
    await checkpoint();
    classifier.renamePlainObjects(named);
  }
  const { classOf, names, keys } = classifier;
  return { classOf, names, keys, definitions };
}

/** The detached marks' bytes in `second`, after the per-string classes, if both fit. */
function detachedRoom(second: Uint32Array, graph: TypedSnapshot): Uint8Array | undefined {
  const from = second.byteOffset + graph.strings.count * 4;
  return from + graph.nodeCount <= second.byteOffset + second.byteLength ? new Uint8Array(second.buffer, from, graph.nodeCount) : undefined;
}
