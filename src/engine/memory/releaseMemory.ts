/** A full collection when the process was started with --expose-gc; nothing otherwise. */
export function releaseMemory(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
