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
  /**
   * markPageObjects on the shared columns, into `flags` (shared memory), its stack in `scratch`;
   * the number of page objects.
   */
  pageObjects(params: SharedSnapshot & { readonly flags: Uint8Array } & Scratch, ctx: TaskContext): Promise<number>;
  /** retainerEdgesInPlace on the shared columns and arrays (see GraphSteps.retainerEdges); returns `slots`. */
  retainerEdges(
    params: SharedSnapshot & { readonly firstRetainer: Uint32Array; readonly slots: Uint32Array; readonly cursor: Uint32Array },
    ctx: TaskContext,
  ): Promise<Uint32Array>;
  /** computeShallowSizes on the shared columns: its owners in `scratch`, the sizes into `into`. */
  shallowSizes(params: SharedSnapshot & Scratch & Into, ctx: TaskContext): Promise<SizeArray>;
  /** computeDistances on the shared columns, the distances into `into`; its queue in `scratch` if given. */
  distances(params: SharedSnapshot & Partial<Scratch> & Into, ctx: TaskContext): Promise<Uint32Array>;
  /** topObjectsByRetainedSize over the shared columns and retained sizes. */
  topObjects(params: SharedSnapshot & { readonly retainedSize: SizeArray; readonly limit: number }, ctx: TaskContext): Promise<number[]>;
  /** buildClassIndex on the shared columns (the locations, a few MB, are copied), classOf into `into`. */
  classIndex(params: SharedSnapshot & { readonly locations: SnapshotLocations } & Into, ctx: TaskContext): Promise<ClassIndex>;
}

/**
 * Work memory for a step (shared, at least nodeCount words, contents ignored), given by the
 * caller so that a step need not allocate its own while the dominators, the build's peak, run:
 * a step's scratch can be the result array of a later one (see ThreadSteps).
 */
export interface Scratch {
  readonly scratch: Uint32Array;
}

/** Where a step writes its per-node result (shared, at least nodeCount words). */
export interface Into {
  readonly into: Uint32Array;
}

/** A ParsedSnapshot whose columns are all shared memory, with its strings as parts. */
export interface SharedSnapshot {
  readonly columns: Omit<ParsedSnapshot, 'strings' | 'locations'>;
  readonly strings: StringTableParts;
  readonly root: number;
}
