import type { GraphSteps } from './graphSteps';
import type { HeapGraph } from './heapGraph';

/** How a caller watches and cancels `buildHeapGraph`. */
export interface BuildOptions {
  /** Called at every pause with the phase's progress. */
  progress?(phase: string, done: number, total: number): void;
  /** Awaited at every pause; throws to cancel the build. */
  checkpoint?(): Promise<void>;
  /** The steps that need only the parsed columns (see GraphSteps); without it, LocalSteps. */
  steps?: GraphSteps;
  /**
   * Awaited once everything but the retaining edges is final (with the helper thread's steps,
   * they are still being written there): the caller's next step runs on this thread meanwhile.
   * `scratch` (8 bytes per node, contents ignored) is the build's spent work memory, the step's to
   * work in until it returns. Why: on a virtual machine, the first touch of fresh pages is what
   * costs (the host backs them then), while these pages are already backed.
   */
  beforeRetainingEdges?(graph: Omit<HeapGraph, 'retainerEdge'>, scratch: Uint32Array): Promise<void>;
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
