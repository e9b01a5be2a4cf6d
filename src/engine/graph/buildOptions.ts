import { SizeArray } from '../snapshot/parsedSnapshot';
import type { HeapGraph } from './heapGraph';

/** How a caller watches and cancels `buildHeapGraph`. */
export interface BuildOptions {
  /** Called at every pause with the phase's progress. */
  progress?(phase: string, done: number, total: number): void;
  /** Awaited at every pause; throws to cancel the build. */
  checkpoint?(): Promise<void>;
  /** Steps already under way elsewhere (the engine's helper thread); without it the build runs them itself. */
  offload?: OffloadedSteps;
  /**
   * Awaited once everything but the retaining edges is final (with `offload`, they are still
   * being written on the other thread): the caller's next step runs on this thread meanwhile.
   * `scratch` (8 bytes per node, contents ignored) is the build's spent work memory, the step's to
   * work in until it returns. Why: on a virtual machine, the first touch of fresh pages is what
   * costs (the host backs them then), while these pages are already backed.
   */
  beforeRetainingEdges?(graph: Omit<HeapGraph, 'retainerEdge'>, scratch: Uint32Array): Promise<void>;
}

/**
 * Steps that need only the parsed columns, run on another thread and awaited when needed: the
 * page objects, marked there in `flags` while the build fills the retainers without the page
 * rule (applied afterwards, see dropNonPageEdges); the shallow sizes and distances; the retaining
 * edges.
 */
export interface OffloadedSteps {
  /** The build's node flags, zeroed, in shared memory: markPageObjects writes them there. */
  readonly flags: Uint8Array;
  /** Settles when markPageObjects is done with `flags`. */
  readonly pageObjects: Promise<unknown>;
  /** computeShallowSizes' result. */
  readonly shallowSizes: Promise<SizeArray>;
  /** computeDistances' result. */
  readonly distances: Promise<Uint32Array>;
  /**
   * retainerEdgesInPlace there, on shared arrays: requested once the dominators are done with the
   * owners, and run while the build sums retained sizes. Resolves to `slots`.
   */
  retainerEdges(firstRetainer: Uint32Array, slots: Uint32Array, cursor: Uint32Array): Promise<Uint32Array>;
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
