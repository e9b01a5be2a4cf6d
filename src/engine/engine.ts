import { stat } from 'node:fs/promises';
import { TaskContext } from '../protocol/rpc';
import { Finding } from '../protocol/finding';
import { runDetectors } from './detectors/runDetectors';
import { siteGrowth } from './allocation/siteGrowth';
import { addAllocationStacks } from './allocation/allocationStacks';
import { sampledSites } from './allocation/sampledSites';
import { seriesNotes } from './detectors/seriesNotes';
import { confirmWithViews } from './detectors/confirmPooledBuffers';
import { buildLeakReport } from './report/leakReport';
import { markdownReport } from './report/markdownReport';
import {
  AnalyzeResult, ClassDelta, ClassPageQuery, ClassRow, ComparisonPageQuery, DiffResult, EngineApi, NodeRow, Page, RetainerPath, RetainerRow,
  SampledSites,
  SnapshotInfo, SummaryResult,
} from '../protocol/engineApi';
import { HeapGraph } from './graph/heapGraph';
import { classRows } from './analysis/classRows';
import { tablePage } from './analysis/tablePage';
import { nodeRow } from './analysis/nodeRow';
import { pathView } from './analysis/pathView';
import { findRetainerPaths } from './analysis/retainerPaths';
import { retainerRows } from './analysis/retainerRows';
import { SnapshotAnalysis } from './analysis/snapshotAnalysis';
import { diffSnapshots } from './analysis/snapshotDiff';
import { LoadedSnapshot, loadSnapshot } from './loadSnapshot';
import { mapAllocatedAt, mapFindingLocations } from './sourcemap/mapFindingLocations';
import { SourceMapper } from './sourcemap/sourceMapper';
import { ErrorCode } from '../protocol/errorCode';

/** Reads a file into an analysed graph, reporting progress and honouring cancel. */
export type SnapshotLoader = (file: string, ctx: TaskContext) => Promise<LoadedSnapshot>;

interface Open {
  info: SnapshotInfo;
  analysis: SnapshotAnalysis;
  rows: ClassRow[] | null;
}

const DEFAULT_TOP = 20;
const DEFAULT_PATHS = 5;
const MAX_PATHS = 50;

/** An error the engine raises for a bad request, with a stable code for callers. */
export class EngineError extends Error {
  constructor(message: string, readonly code: ErrorCode) {
    super(message);
    this.name = 'EngineError';
  }
}

/**
 * The engine: every EngineApi method over the snapshots it holds open. Runs inside the worker
 * (engineWorker.ts) but is plain async code, so tests can also call it in-process.
 */
export function createEngine(options: { load?: SnapshotLoader } = {}): EngineApi {
  const load = options.load ?? loadSnapshot;
  const open = new Map<string, Open>();
  /** A → B diffs the comparison table pages through, by "A→B"; dropped when either snapshot closes. */
  const comparisons = new Map<string, Promise<ClassDelta[]>>();
  let nextHandle = 1;

  const get = (handle: string): Open => {
    const o = open.get(handle);
    if (!o) throw new EngineError(`no open snapshot with handle '${handle}'`, ErrorCode.NoHandle);
    return o;
  };
  const ordinalOf = (o: Open, nodeId: number): number => {
    const ordinal = Number.isInteger(nodeId) ? o.analysis.ids().ordinalOf(nodeId) : -1;
    if (ordinal < 0) throw new EngineError(`${o.info.file}: no node with id ${nodeId}`, ErrorCode.NoNode);
    return ordinal;
  };
  const rowsOf = async (o: Open, ctx: TaskContext): Promise<ClassRow[]> => {
    if (!o.rows) {
      const checkpoint = () => ctx.checkpoint();
      o.rows = classRows(await o.analysis.classes(checkpoint), await o.analysis.classAggregates(checkpoint));
    }
    return o.rows;
  };

  return {
    async open({ file }, ctx) {
      const started = Date.now();
      let fileSize: number;
      try {
        fileSize = (await stat(file)).size;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new EngineError(`${file}: no such file`, ErrorCode.NoFile);
        throw new EngineError(`${file}: cannot read (${code ?? String(error)})`, ErrorCode.Unreadable);
      }
      const { graph, ...prebuilt } = await load(file, ctx);
      const analysis = new SnapshotAnalysis(graph, prebuilt);
      const entry: Open = {
        info: {
          handle: `s${nextHandle++}`,
          file,
          fileSize,
          nodeCount: graph.nodeCount,
          edgeCount: graph.edgeCount,
          totalSize: graph.retainedSize[graph.root],
          loadMs: 0,
        },
        analysis,
        rows: null,
      };
      ctx.progress('summarise', 0, 1);
      await rowsOf(entry, ctx);
      ctx.progress('summarise', 1, 1);
      entry.info.loadMs = Date.now() - started;
      open.set(entry.info.handle, entry);
      return entry.info;
    },

    async close({ handle }) {
      open.delete(handle);
      for (const key of comparisons.keys()) if (key.split('→').includes(handle)) comparisons.delete(key);
    },

    async summary({ handle, top }, ctx): Promise<SummaryResult> {
      const o = get(handle);
      const rows = await rowsOf(o, ctx);
      const graph = o.analysis.graph;
      const classes = [...rows].sort((a, b) => b.retainedSize - a.retainedSize || b.selfSize - a.selfSize || (a.name < b.name ? -1 : 1));
      return {
        nodeCount: graph.nodeCount,
        edgeCount: graph.edgeCount,
        totalSize: o.info.totalSize,
        classes,
        top: o.analysis.topObjects(Math.max(0, top ?? DEFAULT_TOP)).map((n) => nodeRow(graph, n)),
      };
    },

    async classPage(query: ClassPageQuery, ctx): Promise<Page<ClassRow>> {
      return tablePage(await rowsOf(get(query.handle), ctx), query, 'retainedSize');
    },

    async comparisonPage(query: ComparisonPageQuery, ctx): Promise<Page<ClassDelta>> {
      const [before, after] = query.handles.map((h) => get(h).analysis);
      const key = query.handles.join('→');
      let classes = comparisons.get(key);
      if (!classes) {
        // Every page of the table shares it, so cancelling the page that started it does not
        // cancel it; it still yields so other calls get through. A failed diff is not kept.
        const computing = diffSnapshots([before, after], yieldingCheckpoint()).then((d) => d.classes);
        comparisons.set(key, computing);
        computing.catch(() => {
          if (comparisons.get(key) === computing) comparisons.delete(key);
        });
        classes = computing;
      }
      return tablePage(await classes, query, 'sizeDelta');
    },

    async instancePage({ handle, className, offset, limit }, ctx): Promise<Page<NodeRow>> {
      const o = get(handle);
      const checkpoint = () => ctx.checkpoint();
      const members = await o.analysis.membersNamed(className, checkpoint);
      const graph = o.analysis.graph;
      const start = Math.max(0, Math.min(offset, members.length));
      return { total: members.length, offset: start, rows: Array.from(members.subarray(start, start + Math.max(0, limit)), (n) => nodeRow(graph, n)) };
    },

    async retainers({ handle, nodeId, offset, limit }): Promise<Page<RetainerRow>> {
      const o = get(handle);
      return retainerRows(o.analysis.graph, ordinalOf(o, nodeId), offset, limit);
    },

    async paths({ handle, nodeId, k }, ctx): Promise<RetainerPath[]> {
      const o = get(handle);
      const graph = o.analysis.graph;
      const wanted = Math.min(MAX_PATHS, Math.max(1, k ?? DEFAULT_PATHS));
      const raw = await findRetainerPaths(graph, ordinalOf(o, nodeId), { k: wanted }, () => ctx.checkpoint());
      return raw.map((p) => pathView(graph, p));
    },

    async diff({ handles }, ctx): Promise<DiffResult> {
      if (handles.length < 2 || handles.length > 3) throw new EngineError(`diff takes two or three snapshots, got ${handles.length}`, ErrorCode.BadArgs);
      return diffSnapshots(handles.map((h) => get(h).analysis), () => ctx.checkpoint());
    },

    async analyze({ handles, allocationProfiles }, ctx): Promise<AnalyzeResult> {
      if (handles.length === 0) throw new EngineError('analyze needs at least one snapshot', ErrorCode.BadArgs);
      const snapshots = handles.map((h) => get(h).analysis.graph);
      const findings = await runDetectors({ snapshots }, { checkpoint: () => ctx.checkpoint() });
      // A fresh mapper per run: the user may have rebuilt (and re-mapped) since the last one.
      const mapper = new SourceMapper();
      await mapFindingLocations(findings, snapshots[snapshots.length - 1], mapper, () => ctx.checkpoint());
      const notes = await seriesNotes(snapshots, () => ctx.checkpoint());
      if (allocationProfiles && allocationProfiles.length !== handles.length) throw new EngineError('allocationProfiles must be parallel to handles', ErrorCode.BadArgs);
      const allocationSites = allocationProfiles ? await siteGrowth(allocationProfiles, snapshots[snapshots.length - 1], findings, ctx) : undefined;
      // Exact stacks (a snapshot taken with trackAllocations) after the sampled sites: they win.
      addAllocationStacks(snapshots[snapshots.length - 1], findings);
      await mapAllocatedAt(findings, mapper);
      return allocationSites ? { findings, notes, allocationSites } : { findings, notes };
    },

    async sampledSites({ profiles }, ctx): Promise<SampledSites> {
      if (!Array.isArray(profiles) || profiles.length === 0) throw new EngineError('sampledSites needs at least one profile', ErrorCode.BadArgs);
      return sampledSites(profiles, ctx);
    },

    async confirmPooledBuffers({ findings, views }): Promise<Finding[]> {
      return confirmWithViews(findings, views);
    },

    async markdownReport({ snapshots, findings, sourceRoot }): Promise<string> {
      return markdownReport(buildLeakReport({ snapshots, findings, baseline: null, failOn: null }), { sourceRoot });
    },
  };
}

/** A checkpoint that lets other calls in every 50 ms but is never cancelled (cf. rpcServer's). */
function yieldingCheckpoint(): () => Promise<void> {
  let lastYield = Date.now();
  return async () => {
    if (Date.now() - lastYield < 50) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastYield = Date.now();
  };
}
