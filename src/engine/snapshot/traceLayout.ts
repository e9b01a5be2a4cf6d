/**
 * Where the fields of the allocation-trace sections sit, from `snapshot.meta`
 * (`trace_function_info_fields`, `trace_node_fields`) and the node fields' `trace_node_id`, or null
 * when the snapshot has no trace data: `snapshot.trace_function_count` absent or 0, which is every
 * snapshot taken without trackAllocations. Then the sections are skipped and nothing is allocated.
 */
export interface TraceLayout {
  /** From the header: more than 0 says the snapshot has traces; the section may hold more (see TraceFunctionSink). */
  readonly functionCount: number;
  readonly functionFieldCount: number;
  readonly fn: { name: number; scriptName: number; scriptId: number; line: number; column: number };
  readonly treeFieldCount: number;
  /** `children` is the last field of a trace node (the nested array); the others are numbers. */
  readonly treeNode: { id: number; functionInfoIndex: number; count: number; size: number; children: number };
  /** Position of `trace_node_id` in a node record. */
  readonly nodeTraceId: number;
}

export function readTraceLayout(
  header: Record<string, unknown>,
  meta: Record<string, unknown>,
  nodeFields: readonly string[],
  fail: (detail: string) => never,
): TraceLayout | null {
  const functionCount = header.trace_function_count;
  if (functionCount === undefined || functionCount === 0) return null;
  if (typeof functionCount !== 'number' || !Number.isInteger(functionCount) || functionCount < 0 || functionCount > 0xfffffffe) {
    return fail(`snapshot.trace_function_count is not a count: ${JSON.stringify(functionCount) ?? String(functionCount)}`);
  }
  const names = (value: unknown, where: string): string[] => {
    if (!Array.isArray(value) || value.length === 0 || value.length > 64 || !value.every((v): v is string => typeof v === 'string')) {
      return fail(`snapshot.trace_function_count is ${functionCount} but ${where} is not a list of field names`);
    }
    return value;
  };
  const field = (fields: readonly string[], name: string, where: string): number => {
    const at = fields.indexOf(name);
    if (at < 0) fail(`unsupported heap snapshot version: ${where} has no '${name}'`);
    if (fields.indexOf(name, at + 1) >= 0) fail(`${where} lists '${name}' twice`);
    return at;
  };
  // Without a trace id per node the traces name no object: read the snapshot as an ordinary one.
  if (!nodeFields.includes('trace_node_id')) return null;
  const fnFields = names(meta.trace_function_info_fields, 'snapshot.meta.trace_function_info_fields');
  const treeFields = names(meta.trace_node_fields, 'snapshot.meta.trace_node_fields');
  const fnWhere = 'snapshot.meta.trace_function_info_fields';
  const treeWhere = 'snapshot.meta.trace_node_fields';
  const children = field(treeFields, 'children', treeWhere);
  if (children !== treeFields.length - 1) fail(`unsupported heap snapshot version: 'children' is not the last of ${treeWhere}`);
  return {
    functionCount,
    functionFieldCount: fnFields.length,
    fn: {
      name: field(fnFields, 'name', fnWhere),
      scriptName: field(fnFields, 'script_name', fnWhere),
      scriptId: field(fnFields, 'script_id', fnWhere),
      line: field(fnFields, 'line', fnWhere),
      column: field(fnFields, 'column', fnWhere),
    },
    treeFieldCount: treeFields.length,
    treeNode: {
      id: field(treeFields, 'id', treeWhere),
      functionInfoIndex: field(treeFields, 'function_info_index', treeWhere),
      count: field(treeFields, 'count', treeWhere),
      size: field(treeFields, 'size', treeWhere),
      children,
    },
    nodeTraceId: field(nodeFields, 'trace_node_id', 'snapshot.meta.node_fields'),
  };
}
