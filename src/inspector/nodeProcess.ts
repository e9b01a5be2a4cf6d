/** A running Node.js process, as listNodeProcesses() reports it. */
export interface NodeProcessInfo {
  pid: number;
  /** argv, as the OS reports it (argv[0] is the node binary as invoked). */
  argv: string[];
  /** argv joined for display. */
  commandLine: string;
  /** Working directory, or null when the OS does not tell (another user's process, Windows). */
  cwd: string | null;
  /** Resolved executable path, or null when it cannot be read. */
  executable: string | null;
  /** Owner uid (POSIX), or null. */
  uid: number | null;
  /** The inspector listening in this process now, or null if it is off. */
  inspector: { host: string; port: number } | null;
}

/** Process names we treat as Node.js: node, nodejs, node20, node-22…, and node.exe. */
export function looksLikeNodeExecutable(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? '';
  return /^node(js)?([-_.]?\d+(\.\d+)*)?(\.exe)?$/i.test(base);
}
