import { SizeArray } from '../snapshot/parsedSnapshot';
import { spareCursors, spareFirst, spareSecond } from '../memory/spareLayout';
import { writtenFirst } from '../memory/writtenFirst';
import { BuildOptions } from './buildOptions';
import { Retainers } from './buildRetainers';
import { computeDistances } from './computeDistances';
import { computeShallowSizes } from './computeShallowSizes';
import { GraphInput, GraphSteps, RetainerEdges } from './graphSteps';
import { markPageObjects } from './markPageObjects';
import { retainerEdgesInPlace } from './retainerEdgesInPlace';

/**
 * The build's steps run here, each when the build calls it (see GraphSteps): the page objects
 * before the retainers, so the fill applies their rule itself; the retaining edges right after
 * the dominators, then the shallow sizes and the distances, all in the dominators' spent arrays
 * (see spareLayout); nothing left under way.
 */
export class LocalSteps implements GraphSteps {
  readonly shared = false;
  readonly nodeFlags: Uint8Array;
  /** The dominators' spare, once they hand it over (the classes go in its third: see spareLayout). */
  protected spare: Uint32Array | null = null;

  constructor(nodeCount: number) {
    this.nodeFlags = writtenFirst(new Uint8Array(nodeCount));
  }

  async retainers(input: GraphInput, options: BuildOptions, fill: (pageRule: boolean) => Promise<Retainers>): Promise<Retainers> {
    const { parsed, types, edgeTypes, marks, root } = input;
    await markPageObjects(parsed, types, edgeTypes, marks, root, this.nodeFlags, options);
    return fill(true);
  }

  ownersRead(): void {}

  async retainerEdges(input: GraphInput, retainers: Retainers, spare: Uint32Array, options: BuildOptions): Promise<RetainerEdges> {
    this.spare = spare;
    const cursors = spareCursors(spare, input.parsed.nodeCount);
    const edges = await retainerEdgesInPlace(input.parsed, retainers.firstRetainer, retainers.retainerNode, cursors, options);
    return { written: Promise.resolve(edges) };
  }

  shallowSizes(input: GraphInput, spare: Uint32Array, options: BuildOptions): Promise<SizeArray> {
    return shallowSizesInSpare(input, spare, options);
  }

  distances(input: GraphInput, spare: Uint32Array, order: Uint32Array, options: BuildOptions): Promise<Uint32Array> {
    return distancesInSpare(input, spare, order, options);
  }
}

/** computeShallowSizes after the dominators: the owners in the spare's first third, the sizes in its second. */
export function shallowSizesInSpare(input: GraphInput, spare: Uint32Array, options: BuildOptions): Promise<SizeArray> {
  const { parsed, types, edgeTypes, marks, root, userRoots } = input;
  const n = parsed.nodeCount;
  return computeShallowSizes(parsed, types, edgeTypes, marks, root, userRoots, options, spareFirst(spare, n), spareSecond(spare, n));
}

/** computeDistances, last: the queue in the spent DFS order, the distances in the spare's first third. */
export function distancesInSpare(input: GraphInput, spare: Uint32Array, order: Uint32Array, options: BuildOptions): Promise<Uint32Array> {
  const { parsed, types, edgeTypes, marks, root } = input;
  return computeDistances(parsed, types, edgeTypes, marks, root, options, order, spareFirst(spare, parsed.nodeCount));
}
