import { TaskContext } from '../../rpc/rpc';
import { StringTableParts } from '../snapshot/chunkedStringTable';
import { ParsedSnapshot } from '../snapshot/parsedSnapshot';

/**
 * The boundary between buildHeapGraph and its helper thread (graphThread.ts): graph steps that
 * depend on the parsed columns alone, run there while the engine's thread builds the retainers
 * and dominators. Everything crossing it is shared memory, so nothing is copied either way.
 */
export interface GraphThreadApi {
  /** computeDistances on the shared columns; the result is shared memory too. */
  distances(params: SharedSnapshot, ctx: TaskContext): Promise<Uint32Array>;
}

/** A ParsedSnapshot whose columns are all shared memory, with its strings as parts. */
export interface SharedSnapshot {
  readonly columns: Omit<ParsedSnapshot, 'strings' | 'locations'>;
  readonly strings: StringTableParts;
  readonly root: number;
}
