/** The shapes of a read sampling profile; no Node import, so the webview's types can reach them. */

/** A function as V8 names it in a profile: script id, and its start position (0-based). */
export interface ProfileFrame {
  functionName: string;
  url: string;
  scriptId: number;
  /** 0-based line of the function's start, as V8 reports it. */
  line: number;
  /** 0-based column of the function's start. */
  column: number;
}

/** Live sampled bytes per allocation site in one profile. */
export interface ProfileSites {
  /** By site key (the innermost frame with a script). */
  sites: Map<string, { frame: ProfileFrame; bytes: number; frames: Set<string> }>;
  totalBytes: number;
}

/** `scriptId:line:column`: one function of one process; the snapshot's `locations` use the same ids. */
export function frameKey(scriptId: number, line: number, column: number): string {
  return `${scriptId}:${line}:${column}`;
}
