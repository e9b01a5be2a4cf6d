import { ParsedSnapshot, SizeArray } from '../snapshot/parsedSnapshot';
import type { BuildOptions } from './buildOptions';
import type { Retainers } from './buildRetainers';
import { EdgeTypeIds, NodeTypeIds } from './heapGraph';
import { StringMarks } from './stringMarks';

/** What every step of the build reads: the parsed columns and what is resolved from them first. */
export interface GraphInput {
  readonly parsed: ParsedSnapshot;
  readonly types: NodeTypeIds;
  readonly edgeTypes: EdgeTypeIds;
  readonly marks: StringMarks;
  /** Node ordinal of the synthetic root. */
  readonly root: number;
  /** Whether the root has user roots (see hasUserRoots). */
  readonly userRoots: boolean;
}

/**
 * The build's steps that need only the parsed columns (page objects, retaining edges, shallow
 * sizes, distances), which buildHeapGraph calls in its order without knowing where they run:
 * here, each when called (LocalSteps), or on the engine's helper thread, started as early as
 * their inputs allow, while this thread builds the retainers and dominators (ThreadSteps). Both
 * give the same results.
 */
export interface GraphSteps {
  /**
   * Whether the arrays the build hands these steps (the retainers, the dominators' spare) must be
   * shared memory, for another thread to work in.
   */
  readonly shared: boolean;
  /** The build's node flags (NODE_FLAG_*), zeroed; the page objects are marked once `retainers` resolves. */
  readonly nodeFlags: Uint8Array;
  /**
   * Marks the page objects (markPageObjects) and fills the retainers through `fill`. `pageRule`
   * tells the fill whether to apply DevTools' rule on page objects itself: yes when the marks are
   * made first; no when they are made meanwhile on another thread, which then applies the rule
   * once both are done (dropNonPageEdges).
   */
  retainers(input: GraphInput, options: BuildOptions, fill: (pageRule: boolean) => Promise<Retainers>): Promise<Retainers>;
  /**
   * Told when the dominators no longer read the retainers' owners (DominatorOptions.ownersRead),
   * from when the retaining edges may be written over them; `spare` as in spareLayout.
   */
  ownersRead(input: GraphInput, retainers: Retainers, spare: Uint32Array): void;
  /**
   * The retaining edges (retainerEdgesInPlace), once the dominators are done. Resolves when the
   * build may go on working in `spare`; `written` when the edges are (awaited last: another thread
   * writes them while this one sums the sizes).
   */
  retainerEdges(input: GraphInput, retainers: Retainers, spare: Uint32Array, options: BuildOptions): Promise<RetainerEdges>;
  /** computeShallowSizes; `spare` as in spareLayout. */
  shallowSizes(input: GraphInput, spare: Uint32Array, options: BuildOptions): Promise<SizeArray>;
  /** computeDistances, asked for last; `spare` (see spareLayout) and the spent DFS order (`order`) to work in. */
  distances(input: GraphInput, spare: Uint32Array, order: Uint32Array, options: BuildOptions): Promise<Uint32Array>;
}

/** See GraphSteps.retainerEdges. */
export interface RetainerEdges {
  /** The retainer slots, holding edge ordinals. */
  readonly written: Promise<Uint32Array>;
}
