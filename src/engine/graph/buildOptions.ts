/** How a caller watches and cancels `buildHeapGraph`. */
export interface BuildOptions {
  /** Called at every pause with the phase's progress. */
  progress?(phase: string, done: number, total: number): void;
  /** Awaited at every pause; throws to cancel the build. */
  checkpoint?(): Promise<void>;
}

/**
 * Items processed between pauses. A power of two so hot loops test it with a mask; ~131k keeps
 * cancellation latency in the low milliseconds without the await showing up in the profile.
 */
export const PAUSE_MASK = (1 << 17) - 1;

/** Reports progress and gives the caller a chance to cancel. */
export async function pause(options: BuildOptions, phase: string, done: number, total: number): Promise<void> {
  options.progress?.(phase, done, total);
  if (options.checkpoint) await options.checkpoint();
}
