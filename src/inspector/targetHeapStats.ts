import type { CdpConnection } from './cdpConnection';

/** What the target's V8 says about its heap, read just before a capture. Bytes. */
export interface TargetHeapStats {
  /** Live JS heap (all spaces). */
  usedHeapBytes: number;
  /** The part of it in the large-object spaces (arrays, strings and code over ~128 KiB). */
  largeObjectBytes: number;
  /** Memory outside the JS heap held by JS objects (Buffers, ArrayBuffers), not serialised. */
  externalBytes: number;
  /** The whole process's resident set now (for a worker: still the process's). */
  rssBytes: number | null;
  /** 'v8' when read from v8.getHeapSpaceStatistics(); 'heap-usage' when only Runtime.getHeapUsage answered. */
  source: 'v8' | 'heap-usage';
}

// Runs inside the target. process.getBuiltinModule exists from Node 20.16/22.3 and in workers;
// `require` is the inspector's command-line API, the fallback for older 20.x.
const READ_STATS = `(() => {
  const v8 = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('v8') : require('v8');
  let used = 0, large = 0;
  for (const s of v8.getHeapSpaceStatistics()) {
    used += s.space_used_size;
    if (/large_object_space$/.test(s.space_name)) large += s.space_used_size;
  }
  const m = process.memoryUsage();
  return JSON.stringify([used, large, m.external, m.rss]);
})()`;

/**
 * Reads the heap statistics the preflight needs. Falls back to Runtime.getHeapUsage (used size
 * only, every byte treated as small objects: the dearest case) when the target cannot evaluate.
 */
export async function readTargetHeapStats(connection: CdpConnection, signal?: AbortSignal): Promise<TargetHeapStats> {
  try {
    const { result, exceptionDetails } = await connection.send(
      'Runtime.evaluate',
      { expression: READ_STATS, returnByValue: true, silent: true, includeCommandLineAPI: true },
      { signal },
    );
    if (!exceptionDetails && typeof result.value === 'string') {
      const [used, large, external, rss] = JSON.parse(result.value) as number[];
      if ([used, large, external, rss].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)) {
        return { usedHeapBytes: used, largeObjectBytes: large, externalBytes: external, rssBytes: rss, source: 'v8' };
      }
    }
  } catch (error) {
    if (signal?.aborted) throw error;
  }
  const { usedSize } = await connection.send('Runtime.getHeapUsage', undefined, { signal });
  return { usedHeapBytes: usedSize, largeObjectBytes: 0, externalBytes: 0, rssBytes: null, source: 'heap-usage' };
}
