/**
 * An error as one log line: its `code`, the CDP method for a CdpError, and its message. These are
 * our own errors (InspectorError, CdpError, EngineError, the worker's exit), which name methods,
 * pids, ports and files, not heap contents. No `vscode` import, so it is tested in plain node.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: unknown; method?: unknown };
  const parts = [typeof e.code === 'string' ? e.code : e.name];
  if (typeof e.method === 'string') parts.push(`CDP method ${e.method}`);
  return `${parts.join(', ')}: ${e.message}`;
}
