/**
 * What a detector reports. The kind names are fixed: the CLI's JSON and the webview use them.
 */
export const FINDING_KINDS = [
  'pooled-buffer-slice',
  'long-lived-closure',
  'unbounded-collection',
  'listener-leak',
  'timer-leak',
  'pending-promise',
  'closed-client',
  'open-handle',
  'request-scoped-retention',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

export interface FindingPathStep {
  /** Edge name or index as text; for the root step, the root's name. */
  edge: string;
  /** Edge type from meta ('property', 'context', 'internal', ...). */
  type: string;
  /** Name of the node the edge leads to. */
  name: string;
  /** Snapshot id of the node the edge leads to. */
  id: number;
  /** Plain words, e.g. "captured variable `big` of closure onDone()". */
  label: string;
  /** Source of a closure on the path, through its source map (src/engine/sourcemap/). */
  location?: SourceLocation | null;
  /** Where V8 ran that closure, when it differs from `location`. */
  generatedLocation?: SourceLocation | null;
}

export interface SourceLocation {
  url: string;
  /** 1-based, for editors. */
  line: number;
  /** 1-based. */
  column: number;
  /** The original identifier at this position, when the source map names one. */
  name?: string;
}

/** How `location` was found: mapped through the script's source map, or why it was not. */
export type SourceMapNote = { mapped: true; /** 'inline' or the .map file's path. */ map: string } | { mapped: false; reason: string };

export interface Finding {
  kind: FindingKind;
  /** One line in plain words, e.g. "3,857 Buffers in Map `etagCache` pin retired 8 KiB pool slabs". */
  title: string;
  /** Bytes retained by the objects concerned (in the last snapshot). */
  retainedSize: number;
  /** Bytes of growth per snapshot across a series; null for a single snapshot. */
  growth: number | null;
  /** Retained size at each snapshot of the series (for sparklines); one entry for one snapshot. */
  series: number[];
  /** How many objects are concerned. */
  count: number;
  /** Snapshot ids of the objects concerned (capped; `count` has the full number). */
  nodeIds: number[];
  /** Best retainer path from a user-visible root to the group's holder. */
  path: FindingPathStep[];
  /** Snapshot id of the container or object that keeps the group (the path's target side), or null. */
  holderId: number | null;
  /** Index into `path` of the edge a fix would cut, or null. */
  cutIndex: number | null;
  /** In the file the user edits: mapped through the script's source map when it has one. */
  location: SourceLocation | null;
  /** Where V8 ran it (the JavaScript file), set by the engine when it maps `location`. */
  generatedLocation?: SourceLocation | null;
  /** Whether `location` was mapped, or why not; null when there is no location. */
  sourceMap?: SourceMapNote | null;
  /** The facts that made the rule fire, in plain words. */
  evidence: string[];
  /** A suggested fix in plain words. */
  fix: string;
  /** Kind-specific details for the UI. */
  details: FindingDetails | null;
  /** Where these objects' growing allocations were sampled, when the series has allocation profiles. */
  allocatedAt?: AllocatedAt | null;
  /**
   * The exact stack most of these objects were allocated on, innermost frame first, when the
   * snapshot was taken with trackAllocations (src/engine/allocation/allocationStacks.ts).
   */
  allocationStack?: AllocationFrame[] | null;
}

/** One frame of an allocation stack: a function, 1-based line and column of its start (0 where V8 had none). */
export interface AllocationFrame {
  functionName: string;
  script: string;
  line: number;
  column: number;
}

/** A function in the target's code, 1-based line and column of its start (src/engine/allocation/). */
export interface AllocatedAt {
  script: string;
  line: number;
  column: number;
  functionName: string;
}

export type FindingDetails =
  | {
      kind: 'closure';
      functionName: string;
      captured: { name: string; retainedSize: number; usedBySource: boolean | null }[];
    }
  | {
      kind: 'buffer';
      /** Mean size of the ArrayBuffers the views keep (they need not all be one size). */
      backingStoreSize: number;
      views: number;
      /** Distinct ArrayBuffers the views keep alive. */
      buffers: number;
      /** Live bytes used by the views, when confirmed over the inspector. */
      liveBytesUsed: number | null;
    };
