import { CallOptions, Remote } from '../../protocol/rpc';
import { ClassIndex } from '../analysis/classIndex';
import { BuildOptions } from '../graph/buildOptions';
import { Retainers } from '../graph/buildRetainers';
import { dropNonPageEdges } from '../graph/essentialEdges';
import { GraphInput, RetainerEdges } from '../graph/graphSteps';
import { LoadSteps } from '../loadSteps';
import { isShared, sharedUint32, sharedUint8 } from '../memory/sharedArrays';
import { spareCursors } from '../memory/spareLayout';
import { writtenFirst } from '../memory/writtenFirst';
import { ParsedSnapshot, SizeArray } from '../snapshot/parsedSnapshot';
import { GraphThreadApi, SharedSnapshot } from './graphThreadApi';
import { sharedSnapshotOf } from './sharedSnapshotOf';

/**
 * LoadSteps on the engine's helper thread, which takes calls one at a time, in this order: the
 * page objects and the class index while this thread builds the retainers (whose fill leaves the
 * page rule out, applied once both are done); then shallow sizes and distances while this thread
 * builds the dominators; then the retaining edges (as soon as the dominators are done with the owners)
 * and the top objects while this thread sums retained sizes and class sizes. The columns and
 * every array the thread writes are shared memory, so nothing is copied either way.
 *
 * A step under way surfaces its failure where the build awaits it; until then a catch keeps an
 * early one from counting as unhandled.
 */
export class ThreadSteps implements LoadSteps {
  readonly shared = true;
  /** Marked by reading then setting bits (see writtenFirst). */
  readonly nodeFlags: Uint8Array;
  private readonly marked: Promise<number>;
  private readonly shallow: Promise<SizeArray>;
  private readonly classes: Promise<ClassIndex>;
  private readonly distance: Promise<Uint32Array>;
  private edges: Promise<Uint32Array> | null = null;

  /** Starts the first steps there; null when the parsed columns are not all shared memory (posting them would copy). */
  static start(remote: Remote<GraphThreadApi>, parsed: ParsedSnapshot, call: CallOptions): ThreadSteps | null {
    const shared = sharedSnapshotOf(parsed, parsed.meta.rootOrdinal);
    return shared && new ThreadSteps(remote, parsed, shared, call);
  }

  private constructor(
    private readonly remote: Remote<GraphThreadApi>, parsed: ParsedSnapshot,
    private readonly snapshot: SharedSnapshot, private readonly call: CallOptions,
  ) {
    this.nodeFlags = writtenFirst(sharedUint8(parsed.nodeCount));
    // The results, allocated here so that a step can work in a later one's: the page objects'
    // stack and the shallow sizes' owners in the distances. The class index, which needs a few
    // words per plain object and string for itself, runs while this thread builds the retainers,
    // before the dominators (the build's peak) take their memory.
    const into = threadResults(parsed.nodeCount);
    this.marked = quiet(remote.pageObjects({ ...snapshot, flags: this.nodeFlags, scratch: into.distances }, call));
    this.classes = quiet(remote.classIndex({ ...snapshot, locations: parsed.locations, into: into.classes }, call));
    this.shallow = quiet(remote.shallowSizes({ ...snapshot, scratch: into.distances, into: into.sizes }, call));
    this.distance = quiet(remote.distances({ ...snapshot, into: into.distances }, call));
  }

  async retainers(input: GraphInput, _options: BuildOptions, fill: (pageRule: boolean) => Promise<Retainers>): Promise<Retainers> {
    const retainers = await fill(false);
    await this.marked;
    dropNonPageEdges(input.parsed, this.nodeFlags, input.root, retainers);
    return retainers;
  }

  ownersRead(input: GraphInput, retainers: Retainers, spare: Uint32Array): void {
    const cursor = spareCursors(spare, input.parsed.nodeCount);
    this.edges = quiet(this.remote.retainerEdges({
      ...this.snapshot, firstRetainer: retainers.firstRetainer, slots: retainers.retainerNode, cursor,
    }, this.call));
  }

  async retainerEdges(): Promise<RetainerEdges> {
    if (!this.edges) throw new Error('unreachable: the dominators did not say when the owners were read');
    return { written: this.edges };
  }

  shallowSizes(): Promise<SizeArray> {
    return this.shallow;
  }

  distances(): Promise<Uint32Array> {
    return this.distance;
  }

  classIndex(): Promise<ClassIndex> {
    return this.classes;
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
