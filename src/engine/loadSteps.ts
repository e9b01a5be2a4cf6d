import { ClassIndex, ClassIndexScratch, buildClassIndex } from './analysis/classIndex';
import { GraphSteps } from './graph/graphSteps';
import { PartialGraph } from './graph/buildOptions';
import { spareCursors } from './memory/spareLayout';
import { LocalSteps } from './graph/localSteps';
import { SizeArray } from './snapshot/parsedSnapshot';

/**
 * The steps of loading a snapshot after the parse that need no more than they are given: the
 * graph's (GraphSteps) and the first summary's. Here (LocalLoadSteps) or on the engine's helper
 * thread (ThreadSteps).
 */
export interface LoadSteps extends GraphSteps {
  /** buildClassIndex over the graph built so far, in `scratch` if it runs here (see BuildOptions.beforeRetainingEdges). */
  classIndex(graph: PartialGraph, checkpoint: () => Promise<void>, scratch?: ClassIndexScratch): Promise<ClassIndex>;
  /**
   * The `limit` top objects by retained size (topObjectsByRetainedSize), ranked meanwhile
   * elsewhere; null when only this thread could do it, which leaves it to the first summary.
   */
  topObjects(retainedSize: SizeArray, limit: number): Promise<number[]> | null;
}

/** LoadSteps run here, one after another; the classes in the spare's third (see spareLayout). */
export class LocalLoadSteps extends LocalSteps implements LoadSteps {
  classIndex(graph: PartialGraph, checkpoint: () => Promise<void>, scratch?: ClassIndexScratch): Promise<ClassIndex> {
    return classIndexInSpare(graph, checkpoint, this.spare, scratch);
  }

  topObjects(): null {
    return null;
  }
}

/**
 * buildClassIndex once the retaining edges are written (their cursors are spent): the classes in
 * the spare's third (see spareLayout), its work memory in `scratch`.
 */
export function classIndexInSpare(graph: PartialGraph, checkpoint: () => Promise<void>, spare: Uint32Array | null, scratch?: ClassIndexScratch): Promise<ClassIndex> {
  const into = spare ? spareCursors(spare, graph.nodeCount).subarray(0, graph.nodeCount) : undefined;
  return buildClassIndex(graph, checkpoint, into, scratch);
}
