/**
 * What `HeapProfiler.startTrackingHeapObjects({trackAllocations: true})` adds to a snapshot: every
 * object allocated while tracking was on carries a `trace_node_id` into `trace_tree`, V8's tree of
 * the JavaScript stacks allocations were made on (root = the outermost frame, a child = a callee),
 * whose nodes name functions in `trace_function_infos`. Present only when the snapshot has that
 * data (snapshot.trace_function_count > 0): an ordinary snapshot costs no column for it.
 */
export interface AllocationTraces {
  /** Per node ordinal: the trace node its object was allocated on; 0 for one allocated before tracking began. */
  readonly nodeTraceId: Uint32Array;
  readonly tree: TraceTree;
  readonly functions: TraceFunctions;
}

/** The trace tree's nodes in file order (a parent before its children), parallel columns. */
export interface TraceTree {
  readonly count: number;
  /** V8's trace node id, what `nodeTraceId` holds. */
  readonly id: Uint32Array;
  /** Index into `functions`. */
  readonly functionIndex: Uint32Array;
  /** Ordinal of the parent (the caller's frame) in this tree; -1 for the root. */
  readonly parent: Int32Array;
  /** Objects allocated on exactly this stack while tracking was on (live or not), and their bytes. */
  readonly allocationCount: Uint32Array;
  readonly allocationSize: Uint32Array;
}

/** `trace_function_infos`, parallel columns. */
export interface TraceFunctions {
  readonly count: number;
  /** String indexes. */
  readonly name: Uint32Array;
  readonly scriptName: Uint32Array;
  readonly scriptId: Uint32Array;
  /** 1-based as V8 writes them here (it adds 1 to its 0-based position); 0 where V8 had none. */
  readonly line: Uint32Array;
  readonly column: Uint32Array;
}
