/**
 * The engine worker's V8 flags (see startEngineWorker; the bench runs the engine with them too).
 * - `--expose-gc` lets the engine collect garbage at the one moment it knows a few hundred MB of
 *   work arrays just died (end of a graph build, see releaseMemory): left to V8, they would stay
 *   mapped until some later allocation triggered a collection, on top of whatever that needed.
 * - `--no-concurrent-recompilation`: V8 then optimises a hot function on the thread that runs it,
 *   at once, instead of on a background thread while the function goes on unoptimised. Why: the
 *   engine keeps both cores busy (its thread and the helper thread), so a background compile
 *   waits for a core while the loop it is for crawls. Measured on the 250 MB bench snapshot,
 *   alternating 6 runs each: 1.30-1.35 s against 1.44-1.59 s, and 2.6 s of CPU against 2.8;
 *   900 MB: 4.3-4.5 s against 4.6-5.6 s.
 */
export const WORKER_EXEC_ARGV = ['--expose-gc', '--no-concurrent-recompilation'];
