import { SizeArray } from '../snapshot/parsedSnapshot';
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
 * the dominators, in the spare; nothing left under way.
 */
export class LocalSteps implements GraphSteps {
  readonly shared = false;
  readonly nodeFlags: Uint8Array;

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
    const edges = await retainerEdgesInPlace(input.parsed, retainers.firstRetainer, retainers.retainerNode, spare, options);
    return { written: Promise.resolve(edges) };
  }

  shallowSizes(input: GraphInput, spare: Uint32Array, options: BuildOptions): Promise<SizeArray> {
    const { parsed, types, edgeTypes, marks, root, userRoots } = input;
    return computeShallowSizes(parsed, types, edgeTypes, marks, root, userRoots, options, spare);
  }

  distances(input: GraphInput, spare: Uint32Array, order: Uint32Array, options: BuildOptions): Promise<Uint32Array> {
    const { parsed, types, edgeTypes, marks, root } = input;
    return computeDistances(parsed, types, edgeTypes, marks, root, options, spare, order);
  }
}
