import { HeapGraph } from '../graph/heapGraph';

/**
 * GC-root groups that explain nothing to a user: the snapshot writer's own stack and handles,
 * V8's internal tables and caches. A path through one of them is shown last and marked
 * `internal`. User-visible roots are the global object, "(Global handles)" (what Node's C++
 * keeps: process, timers, handles), "(Traced handles)", "(Eternal handles)", "C++ roots" and
 * Node's own synthetic roots. Newer V8 (Node 22+) names the strong roots "(Strong root list)".
 */
const INTERNAL_ROOTS: ReadonlySet<string> = new Set([
  '(Stack roots)', '(Handle scope)', '(Strong roots)', '(Strong root list)', '(Relocatable)', '(Bootstrapper)', '(Debugger)',
  '(Compilation cache)', '(Builtins)', '(Thread manager)', '(Extensions)', '(Code flusher)', '(Smi roots)',
  '(Read-only roots)', '(Internalized strings)', '(External strings)', '(Startup object cache)',
  '(Read-only object cache)', '(Shareable object cache)', '(Weak collections)', '(Wrapper tracing)',
  '(Write barrier)', '(Retain maps)', '(Client heap)', '(Unknown)', '(Isolate)', '(Partial snapshot cache)',
]);

/** True for a synthetic node of one of the internal root groups. */
export function isInternalRoot(graph: HeapGraph, node: number): boolean {
  return graph.nodeType[node] === graph.types.synthetic && INTERNAL_ROOTS.has(graph.strings.get(graph.nodeName[node]));
}
