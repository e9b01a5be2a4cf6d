import { freemem } from 'node:os';

/**
 * How the load shares its work with the helper thread (see ThreadSteps): 'parallel' runs the
 * shallow sizes, distances and class index there during the dominators, which is fastest but
 * adds their results and work memory (12+ bytes per node) to the build's peak; 'low-memory' runs
 * them after the dominators, in the dominators' spent arrays, so the peak is the dominators' own.
 */
export type LoadSchedule = 'parallel' | 'low-memory';

/**
 * From this many nodes the load takes the low-memory schedule: about a 500 MB file of a real
 * service heap (12.6 M nodes in 995 MB, 3.1 M in 244 MB), where the peak goes past a gigabyte
 * and the parallel schedule's extra 12 bytes per node cost more than its second or so saves.
 */
export const LOW_MEMORY_FROM_NODES = 6_000_000;

/**
 * What the parallel schedule allocates after the parse, in bytes per node and per edge: the
 * retainers (4 per node, 4.25 per edge), the flags (1), the dominators (24), the thread's results
 * and queue (16), with some room (measured: 781 MB for 12.55 M nodes and 40.3 M edges,
 * bench/memoryPhases.bench.ts). For the check against free memory.
 */
const PARALLEL_PER_NODE = 48;
const PARALLEL_PER_EDGE = 5;

/**
 * The schedule for a parsed graph of this size: low-memory from LOW_MEMORY_FROM_NODES, or earlier
 * when what the parallel schedule still has to allocate would not fit in the memory the system has
 * free (`freeBytes`, after the parse).
 */
export function chooseSchedule(size: { readonly nodeCount: number; readonly edgeCount: number }, freeBytes: number = freemem()): LoadSchedule {
  if (size.nodeCount >= LOW_MEMORY_FROM_NODES) return 'low-memory';
  const needed = size.nodeCount * PARALLEL_PER_NODE + size.edgeCount * PARALLEL_PER_EDGE;
  return needed > freeBytes ? 'low-memory' : 'parallel';
}
