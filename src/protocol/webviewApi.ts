import { TaskContext } from './rpc';
import { ClassDelta, ClassRow, NodeRow, Page, RetainerRow, SnapshotInfo } from './engineApi';
import { Finding, SourceLocation } from './finding';
import { LiveContent } from './liveContent';
import { ClassSortKey, DeltaSortKey, TableQuery } from './tableQuery';

/**
 * The host ↔ webview boundary: the one interface the webview calls (through ./rpc.ts, over the
 * webview's postMessage). The host serves it per panel (src/views/panelBackend.ts). No `vscode`
 * import here, so the webview bundle and plain node tests share these types.
 *
 * The webview asks for slices; the host never pushes a whole table. New content (another analysis,
 * another series) reaches the webview through `content`, a long poll keyed by version.
 */
export interface WebviewApi {
  /** Resolves once the panel's content is newer than `after` (at once when it already is). */
  content(params: { after: number }, ctx: TaskContext): Promise<VersionedContent>;
  /** One page of the Summary-by-constructor table. */
  classPage(params: TableQuery<ClassSortKey>, ctx: TaskContext): Promise<Page<ClassRow>>;
  /** One page of the Comparison (A → B) table. */
  comparisonPage(params: TableQuery<DeltaSortKey>, ctx: TaskContext): Promise<Page<ClassDelta>>;
  /** Instances of a class, largest retained first (in the newer snapshot of a comparison). */
  instancePage(params: { className: string; offset: number; limit: number }, ctx: TaskContext): Promise<Page<NodeRow>>;
  /** Direct retainers of one object. */
  retainers(params: { nodeId: number; offset: number; limit: number }, ctx: TaskContext): Promise<Page<RetainerRow>>;
  /** Opens a source file in an editor at the location (1-based line and column). */
  openSource(params: SourceLocation, ctx: TaskContext): Promise<void>;
}

export interface VersionedContent {
  version: number;
  content: PanelContent;
}

/** One snapshot of a series, for the growth chart. */
export interface SeriesPoint {
  label: string;
  totalSize: number;
  capturedAt: number | null;
}

export type PanelContent =
  | { kind: 'loading'; title: string; message: string }
  /** Nothing to show yet and nothing under way (the Findings panel before any analysis). */
  | { kind: 'empty'; title: string; message: string }
  | { kind: 'error'; title: string; message: string }
  | { kind: 'summary'; title: string; snapshot: SnapshotInfo }
  | { kind: 'comparison'; title: string; before: SnapshotInfo; after: SnapshotInfo }
  | {
      kind: 'findings';
      title: string;
      /** Snapshot handles of the series in capture order; retainer lookups use the last. */
      handles: string[];
      series: SeriesPoint[];
      findings: Finding[];
      /** Index of the finding to select when this version arrives (e.g. picked in the Findings view). */
      selected: number | null;
    }
  | { kind: 'live'; title: string; live: LiveContent };

/**
 * Every method of the boundary, checked complete by the compiler. The host only dispatches
 * requests whose method is listed here, so the webview cannot reach anything else on the backend.
 */
export const WEBVIEW_METHODS: { readonly [K in keyof WebviewApi]: true } = {
  content: true,
  classPage: true,
  comparisonPage: true,
  instancePage: true,
  retainers: true,
  openSource: true,
};

export function isWebviewMethod(name: unknown): name is keyof WebviewApi {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(WEBVIEW_METHODS, name);
}
