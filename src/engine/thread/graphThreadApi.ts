import { TaskContext } from '../../protocol/rpc';
import { StringTableParts } from '../snapshot/chunkedStringTable';
import { ClassIndex } from '../analysis/classIndex';
import { ParsedSnapshot, SizeArray, SnapshotLocations } from '../snapshot/parsedSnapshot';
import { EdgesRequest, EdgesResult } from '../snapshot/readEdgeSection';
import { TakeOver } from '../snapshot/edgesSplit';

/**
 * The boundary between the engine and its helper thread (graphThread.ts): the edges section
 * is read there while the engine's thread reads the rest of the file, then steps that depend on
 * the parsed columns alone run there while the engine's thread builds the retainers and
 * dominators. The columns cross as shared memory, so they are not copied; results come back as
 * shared memory too, or are small.
 */
export interface GraphThreadApi {
  /** readEdgeSection: the head of the parser's `edges`, read into its shared columns (see EdgesHelper.start). */
  startEdges(params: EdgesRequest, ctx: TaskContext): Promise<EdgesResult>;
  /**
   * EdgesHead.takeOver for the startEdges of that readingId (answered at once, not queued behind
   * it), including one not started yet: where that reading will stop, or null.
   */
  takeOverEdges(params: TakeOver & { readonly readingId: number }, ctx: TaskContext): Promise<number | null>;
  /** markPageObjects on the shared columns, into `flags` (shared memory); the number of page objects. */
  pageObjects(params: SharedSnapshot & { readonly flags: Uint8Array }, ctx: TaskContext): Promise<number>;
  /** retainerEdgesInPlace on the shared columns and arrays (see GraphSteps.retainerEdges); returns `slots`. */
  retainerEdges(
    params: SharedSnapshot & { readonly firstRetainer: Uint32Array; readonly slots: Uint32Array; readonly cursor: Uint32Array },
    ctx: TaskContext,
  ): Promise<Uint32Array>;
  /** computeShallowSizes on the shared columns. */
  shallowSizes(params: SharedSnapshot, ctx: TaskContext): Promise<SizeArray>;
  /** computeDistances on the shared columns. */
  distances(params: SharedSnapshot, ctx: TaskContext): Promise<Uint32Array>;
  /** topObjectsByRetainedSize over the shared columns and retained sizes. */
  topObjects(params: SharedSnapshot & { readonly retainedSize: SizeArray; readonly limit: number }, ctx: TaskContext): Promise<number[]>;
  /** buildClassIndex on the shared columns (the locations, a few MB, are copied). */
  classIndex(params: SharedSnapshot & { readonly locations: SnapshotLocations }, ctx: TaskContext): Promise<ClassIndex>;
}

/** A ParsedSnapshot whose columns are all shared memory, with its strings as parts. */
export interface SharedSnapshot {
  readonly columns: Omit<ParsedSnapshot, 'strings' | 'locations'>;
  readonly strings: StringTableParts;
  readonly root: number;
}
