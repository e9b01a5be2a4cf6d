import { TaskContext } from './rpc';
import { Finding } from './finding';
import { ClassSortKey, DeltaSortKey, TableQuery } from './tableQuery';
import { LiveBufferViewEntry } from './liveBufferViews';

/**
 * The engine boundary. The engine runs in a child process (src/engine/engineWorker.ts); the CLI
 * and the extension talk to it through `Remote<EngineApi>` (src/engine/engineClient.ts). Every
 * result is plain data, and lists come in slices: the UI never receives the whole graph.
 * Node ids are V8's snapshot ids (stable across snapshots of one process), never ordinals.
 */
export interface EngineApi {
  /** Parse and analyse a snapshot file; returns a handle for later calls. */
  open(params: { file: string }, ctx: TaskContext): Promise<SnapshotInfo>;
  close(params: { handle: string }, ctx: TaskContext): Promise<void>;

  /** Summary by constructor plus the top objects by retained size. */
  summary(params: { handle: string; top?: number }, ctx: TaskContext): Promise<SummaryResult>;
  /** One page of the class table, sorted and filtered in the engine. */
  classPage(params: ClassPageQuery, ctx: TaskContext): Promise<Page<ClassRow>>;
  /** One page of the A → B comparison table per constructor, sorted and filtered in the engine (the diff is kept between pages). */
  comparisonPage(params: ComparisonPageQuery, ctx: TaskContext): Promise<Page<ClassDelta>>;
  /** One page of a class's instances, by retained size descending. */
  instancePage(params: { handle: string; className: string; offset: number; limit: number }, ctx: TaskContext): Promise<Page<NodeRow>>;
  /** Direct retainers of a node (one level), for expanding a row. */
  retainers(params: { handle: string; nodeId: number; offset: number; limit: number }, ctx: TaskContext): Promise<Page<RetainerRow>>;
  /** The k shortest retainer paths from the GC roots, user-visible roots first. */
  paths(params: { handle: string; nodeId: number; k?: number }, ctx: TaskContext): Promise<RetainerPath[]>;
  /** Diff of two or three snapshots of one process (handles in capture order). */
  diff(params: { handles: string[] }, ctx: TaskContext): Promise<DiffResult>;
  /**
   * Run every detector over one snapshot or a series of one process (handles in capture order).
   * `allocationProfiles`, parallel to `handles`, names each snapshot's `.heapprofile` (or null).
   */
  analyze(params: { handles: string[]; allocationProfiles?: (string | null)[] }, ctx: TaskContext): Promise<AnalyzeResult>;
  /**
   * Adds the live process's view of pooled-buffer findings (what a snapshot cannot tell: how much
   * of each buffer the views use). `views` are what the inspector read for the ids
   * bufferViewsToConfirm(findings) names; other findings come back unchanged, in order.
   */
  confirmPooledBuffers(params: { findings: Finding[]; views: LiveBufferViewEntry[] }, ctx: TaskContext): Promise<Finding[]>;
  /** The Markdown report of an analysis, as `heapscope analyze --format markdown` writes it; `sourceRoot` makes locations under it relative. */
  markdownReport(params: { snapshots: ReportSnapshot[]; findings: Finding[]; sourceRoot?: string }, ctx: TaskContext): Promise<string>;
  /**
   * The sites of an on-demand sampling (no snapshot): `profiles` are the `.heapprofile`s read
   * through its window, in order; the last is the one kept.
   */
  sampledSites(params: { profiles: string[] }, ctx: TaskContext): Promise<SampledSites>;
}

/** One analysed snapshot, as a report lists it. */
export interface ReportSnapshot {
  file: string;
  nodeCount: number;
  edgeCount: number;
  totalSize: number;
}

export interface SampledSites {
  /** Functions whose live sampled bytes grew at every profile of the window, largest growth first. */
  growing: AllocationSite[];
  /** The functions holding the most live sampled bytes at the end, largest first. */
  top: LiveSite[];
  /** Live sampled bytes in the last profile, every site together. */
  totalBytes: number;
}

/** A function and the live sampled bytes allocated under it (1-based line and column of its start). */
export interface LiveSite {
  script: string;
  line: number;
  column: number;
  functionName: string;
  bytes: number;
}

export interface AnalyzeResult {
  /** Ranked first to last. */
  findings: Finding[];
  /** Functions whose live sampled bytes grew across the series' allocation profiles (absent without them). */
  allocationSites?: AllocationSite[];
  /** How the series was matched, when a reader must know (e.g. ids renumbered between two snapshots); usually empty. */
  notes: string[];
}

/** A function whose live sampled bytes grew at every step of a series. */
export interface AllocationSite {
  script: string;
  /** 1-based line of the function's start (V8 profiles a function, not a statement). */
  line: number;
  /** 1-based. */
  column: number;
  functionName: string;
  /** Live sampled bytes at each profile of the series. */
  bytes: number[];
  /** Bytes per profile step, first to last. */
  growth: number;
}

export interface SnapshotInfo {
  handle: string;
  file: string;
  fileSize: number;
  nodeCount: number;
  edgeCount: number;
  /** Sum of self sizes, as DevTools reports it. */
  totalSize: number;
  /** Milliseconds spent parsing and analysing. */
  loadMs: number;
}

export interface ClassSummary {
  name: string;
  count: number;
  selfSize: number;
  retainedSize: number;
}

export interface NodeRow {
  id: number;
  name: string;
  type: string;
  selfSize: number;
  retainedSize: number;
  distance: number | null;
}

export interface SummaryResult {
  nodeCount: number;
  edgeCount: number;
  totalSize: number;
  classes: ClassSummary[];
  top: NodeRow[];
}

export type ClassPageQuery = TableQuery<ClassSortKey> & { handle: string };
/** A → B: the older snapshot first. */
export type ComparisonPageQuery = TableQuery<DeltaSortKey> & { handles: [string, string] };

export interface Page<T> {
  total: number;
  offset: number;
  rows: T[];
}

export type ClassRow = ClassSummary;

export interface RetainerRow {
  edge: string;
  edgeType: string;
  /** Plain-words label of the step, e.g. "value in Map". */
  label: string;
  from: NodeRow;
}

export interface PathStep {
  /** Raw edge name or index, as text. */
  edge: string;
  /** The edge type from meta. */
  type: string;
  /** Plain words, e.g. "captured variable `big` of closure onDone()". */
  label: string;
  /** Node the edge leads to. */
  id: number;
  name: string;
  nodeType: string;
  selfSize: number;
  retainedSize: number;
}

export interface RetainerPath {
  /** The GC root the path starts from, e.g. "(GC roots)" or "(Global handles)". */
  root: { id: number; name: string };
  /** From the root toward the target; the last step's node is the target. */
  steps: PathStep[];
  /** True when the path runs through the snapshot writer's own stack, handle scopes or strong roots. */
  internal: boolean;
}

export interface ClassDelta {
  name: string;
  newCount: number;
  deletedCount: number;
  countDelta: number;
  newSize: number;
  deletedSize: number;
  sizeDelta: number;
}

export interface DiffResult {
  /** A → B per constructor (first and second handle). */
  classes: ClassDelta[];
  /** With three snapshots: objects allocated between 1 and 2 and still alive in 3, per constructor. */
  retainedFromMiddle: ClassSummary[] | null;
}
