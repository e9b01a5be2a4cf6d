import type { GraphSteps } from './graphSteps';
import type { HeapGraph } from './heapGraph';
import type { ChildListScratch } from '../analysis/dominatorChildren';

/** The graph as BuildOptions.beforeRetainingEdges sees it: no retaining edges or distances yet. */
export type PartialGraph = Omit<HeapGraph, 'retainerEdge' | 'distance'>;

/** How a caller watches and cancels `buildHeapGraph`. */
export interface BuildOptions {
  /** Called at every pause with the phase's progress. */
  progress?(phase: string, done: number, total: number): void;
  /** Awaited at every pause; throws to cancel the build. */
  checkpoint?(): Promise<void>;
  /** The steps that need only the parsed columns (see GraphSteps); without it, LocalSteps. */
  steps?: GraphSteps;
  /**
   * Awaited once the sizes and dominators are final, before the distances (which it does not
   * read) are computed where they have not been already, and while the retaining edges may still
   * be being written on the helper thread: the caller's next step runs on this thread meanwhile.
   * `scratch` (two arrays of a word per node, contents ignored) is the build's spent work memory,
   * the step's to work in until it returns. Why: that keeps it inside the build's peak of memory,
   * and on a virtual machine the first touch of fresh pages is what costs (the host backs them
   * then), while these pages are already backed.
   */
  beforeRetainingEdges?(graph: PartialGraph, scratch: ChildListScratch): Promise<void>;
}

/**
 * Items processed between pauses (~131k): cancellation latency stays in the low milliseconds
 * and the await never shows up in a profile.
 *
 * Why the steps are split into synchronous chunk functions called from an async driver, rather
 * than one async loop with an occasional await: V8 does not on-stack-replace a running async
 * function's loop into optimised code, so a single long async loop stays in the interpreter,
 * 50-100x slower. A sync chunk function called a few hundred times is optimised normally.
 */
export const CHUNK = 1 << 17;

/** Reports progress and gives the caller a chance to cancel. */
export async function pause(options: BuildOptions, phase: string, done: number, total: number): Promise<void> {
  options.progress?.(phase, done, total);
  if (options.checkpoint) await options.checkpoint();
}
