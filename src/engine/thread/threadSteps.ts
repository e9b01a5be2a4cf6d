import { CallOptions, Remote } from '../../protocol/rpc';
import { ClassIndex, ClassIndexScratch } from '../analysis/classIndex';
import { BuildOptions, PartialGraph } from '../graph/buildOptions';
import { Retainers } from '../graph/buildRetainers';
import { dropNonPageEdges } from '../graph/essentialEdges';
import { GraphInput, RetainerEdges } from '../graph/graphSteps';
import { distancesInSpare, shallowSizesInSpare } from '../graph/localSteps';
import { LoadSchedule } from '../loadSchedule';
import { LoadSteps, classIndexInSpare } from '../loadSteps';
import { isShared, sharedUint32, sharedUint8 } from '../memory/sharedArrays';
import { spareCursors } from '../memory/spareLayout';
import { writtenFirst } from '../memory/writtenFirst';
import { releaseMemory } from '../memory/releaseMemory';
import { ParsedSnapshot, SizeArray } from '../snapshot/parsedSnapshot';
import { GraphThreadApi, SharedSnapshot } from './graphThreadApi';
import { sharedSnapshotOf } from './sharedSnapshotOf';

/**
 * LoadSteps on the engine's helper thread, which takes calls one at a time, in the order given.
 * The columns and every array the thread writes are shared memory, so nothing is copied either
 * way. Two schedules (see loadSchedule.ts):
 *
 * - 'parallel': the page objects and the class index while this thread builds the retainers
 *   (whose fill leaves the page rule out, applied once both are done); then shallow sizes and
 *   distances while this thread builds the dominators; then the retaining edges (as soon as the
 *   dominators are done with the owners) and the top objects while this thread sums retained
 *   sizes and class sizes. Fastest, but the thread's three per-node results (12 bytes per node)
 *   and its work memory add to the dominators', the build's peak.
 * - 'low-memory': only the page objects there before the dominators; nothing during them; after,
 *   the retaining edges there while this thread computes the shallow sizes and retained sizes,
 *   then the top objects there while this thread builds the class index, sums class sizes and
 *   computes the distances. Every per-node result after the dominators, and the class index's
 *   work memory, is in their spent arrays (see spareLayout), so the peak is the dominators' own.
 *
 * A step under way surfaces its failure where the build awaits it; until then a catch keeps an
 * early one from counting as unhandled.
 */
export class ThreadSteps implements LoadSteps {
  readonly shared = true;
  /** Marked by reading then setting bits (see writtenFirst). */
  readonly nodeFlags: Uint8Array;
  private readonly marked: Promise<number>;
  /** The parallel schedule's steps, started at once; null in the low-memory schedule. */
  private readonly early: { shallow: Promise<SizeArray>; classes: Promise<ClassIndex>; distance: Promise<Uint32Array> } | null;
  private edges: Promise<Uint32Array> | null = null;
  /** The dominators' spare, once they hand it over (ownersRead). */
  private spare: Uint32Array | null = null;

  /** Starts the first steps there; null when the parsed columns are not all shared memory (posting them would copy). */
  static start(remote: Remote<GraphThreadApi>, parsed: ParsedSnapshot, call: CallOptions, schedule: LoadSchedule = 'parallel'): ThreadSteps | null {
    const shared = sharedSnapshotOf(parsed, parsed.meta.rootOrdinal);
    return shared && new ThreadSteps(remote, parsed, shared, call, schedule);
  }

  private constructor(
    private readonly remote: Remote<GraphThreadApi>, parsed: ParsedSnapshot,
    private readonly snapshot: SharedSnapshot, private readonly call: CallOptions, readonly schedule: LoadSchedule,
  ) {
    this.nodeFlags = writtenFirst(sharedUint8(parsed.nodeCount));
    if (schedule === 'low-memory') {
      // Its stack, a word per node at most, is gone (collected there and here) before the dominators.
      this.marked = quiet(remote.pageObjects({ ...snapshot, flags: this.nodeFlags, scratch: sharedUint32(parsed.nodeCount) }, call));
      this.early = null;
      return;
    }
    // The results, allocated here so that a step can work in a later one's: the page objects'
    // stack and the shallow sizes' owners in the distances. The class index, which needs a few
    // words per plain object and string for itself, runs while this thread builds the retainers,
    // before the dominators (the build's peak) take their memory.
    const into = threadResults(parsed.nodeCount);
    this.marked = quiet(remote.pageObjects({ ...snapshot, flags: this.nodeFlags, scratch: into.distances }, call));
    this.early = {
      classes: quiet(remote.classIndex({ ...snapshot, locations: parsed.locations, into: into.classes }, call)),
      shallow: quiet(remote.shallowSizes({ ...snapshot, scratch: into.distances, into: into.sizes }, call)),
      distance: quiet(remote.distances({ ...snapshot, into: into.distances }, call)),
    };
  }

  async retainers(input: GraphInput, _options: BuildOptions, fill: (pageRule: boolean) => Promise<Retainers>): Promise<Retainers> {
    const retainers = await fill(false);
    await this.marked;
    // The page objects' stack, let go of here too before the dominators take their memory.
    if (!this.early) releaseMemory();
    dropNonPageEdges(input.parsed, this.nodeFlags, input.root, retainers);
    return retainers;
  }

  ownersRead(input: GraphInput, retainers: Retainers, spare: Uint32Array): void {
    const cursor = spareCursors(spare, input.parsed.nodeCount);
    this.edges = quiet(this.remote.retainerEdges({
      ...this.snapshot, firstRetainer: retainers.firstRetainer, slots: retainers.retainerNode, cursor,
    }, this.call));
    this.spare = spare;
  }

  async retainerEdges(): Promise<RetainerEdges> {
    if (!this.edges) throw new Error('unreachable: the dominators did not say when the owners were read');
    return { written: this.edges };
  }

  shallowSizes(input: GraphInput, spare: Uint32Array, options: BuildOptions): Promise<SizeArray> {
    return this.early ? this.early.shallow : shallowSizesInSpare(input, spare, options);
  }

  distances(input: GraphInput, spare: Uint32Array, order: Uint32Array, options: BuildOptions): Promise<Uint32Array> {
    return this.early ? this.early.distance : distancesInSpare(input, spare, order, options);
  }

  async classIndex(graph: PartialGraph, checkpoint: () => Promise<void>, scratch?: ClassIndexScratch): Promise<ClassIndex> {
    if (this.early) return this.early.classes;
    // Here, in the spent arrays the build gives, once the retaining edges' cursors are spent.
    await this.edges;
    return classIndexInSpare(graph, checkpoint, this.spare, scratch);
  }

  topObjects(retainedSize: SizeArray, limit: number): Promise<number[]> | null {
    return isShared(retainedSize) ? quiet(this.remote.topObjects({ ...this.snapshot, retainedSize, limit }, this.call)) : null;
  }
}

/** The thread's per-node results, in shared memory (see the constructor for who works in which). */
export function threadResults(nodeCount: number): { sizes: Uint32Array; distances: Uint32Array; classes: Uint32Array } {
  return { sizes: sharedUint32(nodeCount), distances: sharedUint32(nodeCount), classes: sharedUint32(nodeCount) };
}

function quiet<T>(work: Promise<T>): Promise<T> {
  work.catch(() => {});
  return work;
}
