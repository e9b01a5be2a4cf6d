/**
 * What the Live Memory panel shows (host → webview). No `vscode` import: the webview bundle uses
 * these types too. Times are epoch milliseconds.
 */
/** The figures of the target's `process.memoryUsage()`, in bytes. */
export interface MemoryUsage {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  rss: number;
}

export interface LiveSample extends MemoryUsage {
  time: number;
  /** Collections since the previous sample, or null when the target cannot report them. */
  gcCount: number | null;
}

export interface LiveCapture {
  /** When the series started. */
  time: number;
  /** "auto-capture: 3 snapshots" or "series of 3". */
  label: string;
}

export interface LiveContent {
  /** The watched process, or null when nothing is attached. */
  pid: number | null;
  /** Oldest first; the host keeps LIVE_WINDOW_MS of them. */
  samples: LiveSample[];
  captures: LiveCapture[];
  autoCapture: { enabled: boolean; growBytes: number; windowSeconds: number; cooldownSeconds: number };
  /** One line under the chart ("auto-capture armed", "capturing…", a missed sample). */
  status: string;
}

/** The chart keeps the last ten minutes. */
export const LIVE_WINDOW_MS = 10 * 60 * 1000;

/** The figures drawn, in legend order, with the names the legend shows. */
export const LIVE_FIGURES = [
  ['heapUsed', 'heap used'],
  ['heapTotal', 'heap total'],
  ['external', 'external'],
  ['arrayBuffers', 'array buffers'],
  ['rss', 'RSS'],
] as const;
