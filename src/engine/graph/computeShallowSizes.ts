import { ParsedSnapshot, SizeArray } from '../snapshot/parsedSnapshot';
import { BuildOptions, CHUNK, pause } from './buildOptions';
import { EdgeTypeIds, NodeTypeIds } from './heapGraph';
import { MARK_EXTERNAL_STRING_DATA, StringMarks } from './stringMarks';
import { doubled } from '../memory/doubled';

const UNVISITED = 0xffffffff;
const SHARED = 0xfffffffe;

/**
 * DevTools' shallow sizes. Why: V8 reports an object's backing stores (elements and property
 * arrays, hidden internals, external string data) as separate nodes, which makes "self size"
 * meaningless to a JS developer. DevTools folds each such node into the one object that owns it
 * and shows 0 on the node itself; the folded sizes are what its retained sizes sum, so ours must
 * too. It skips this when the snapshot has no user roots ("expose internals" snapshots).
 *
 * Ownership: every node that is not hidden/array/external-string-data owns itself. Ownership
 * flows along non-weak edges into the other nodes; a node reached from exactly one owner belongs
 * to it, from two or more to nobody. That is a least fixpoint over {unvisited < owner < shared},
 * so the propagation order does not matter; we seed owners in ordinal order, each with an
 * explicit stack (no recursion). Sizes are never moved onto the root or synthetic nodes.
 *
 * Returns `raw` itself when nothing moves, otherwise the folded sizes: in `into` (at least
 * nodeCount words, contents ignored) when given and 32 bits suffice, else a new array. `scratch`
 * (at least nodeCount words, contents ignored) holds the owners if given.
 */
export async function computeShallowSizes(
  parsed: ParsedSnapshot, types: NodeTypeIds, edgeTypes: EdgeTypeIds, marks: StringMarks, root: number,
  userRoots: boolean, options: BuildOptions, scratch?: Uint32Array, into?: Uint32Array,
): Promise<SizeArray> {
  const raw = parsed.nodeSelfSize;
  if (!userRoots) return raw;
  const owner = initialOwners(parsed, types, marks, scratch);
  const walk = new OwnerWalk(parsed, edgeTypes.weak, owner);
  while (!walk.run(CHUNK)) await pause(options, 'shallow sizes', walk.seed, parsed.nodeCount);
  return foldOwned(raw, owner, parsed.nodeType, types.synthetic, root, into);
}

// Whole-array loops stay out of the async function, where V8 would not optimise them.
function initialOwners(parsed: ParsedSnapshot, types: NodeTypeIds, marks: StringMarks, scratch?: Uint32Array): Uint32Array {
  const { nodeCount, nodeType, nodeName } = parsed;
  const owner = scratch ? scratch.subarray(0, nodeCount) : new Uint32Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) {
    const t = nodeType[i];
    const owned = t === types.hidden || t === types.array ||
      (t === types.native && (marks.of(nodeName[i]) & MARK_EXTERNAL_STRING_DATA) !== 0);
    owner[i] = owned ? UNVISITED : i;
  }
  return owner;
}

function foldOwned(raw: Uint32Array, owner: Uint32Array, nodeType: Uint8Array, synthetic: number, root: number, into?: Uint32Array): SizeArray {
  const sizes = sizeArrayFor(raw, into);
  for (let i = 0; i < owner.length; i++) {
    const o = owner[i];
    if (o === i || o === UNVISITED || o === SHARED) continue;
    if (o === root || nodeType[o] === synthetic) continue;
    sizes[o] += sizes[i];
    sizes[i] = 0;
  }
  return sizes;
}

class OwnerWalk {
  private stack = new Uint32Array(1024);
  private sp = 0;
  seed = 0;

  constructor(private readonly parsed: ParsedSnapshot, private readonly weak: number, private readonly owner: Uint32Array) {}

  /** Propagates from seeds until about `budget` nodes were expanded; true when done. */
  run(budget: number): boolean {
    const { nodeCount, firstEdge, edgeToNode, edgeType } = this.parsed;
    const { owner, weak } = this;
    let { stack, sp, seed } = this;
    let left = budget;
    while (left-- > 0) {
      if (sp === 0) {
        while (seed < nodeCount && owner[seed] !== seed) seed++;
        if (seed === nodeCount) break;
        stack[sp++] = seed++;
      }
      const from = stack[--sp];
      const mine = owner[from];
      const end = firstEdge[from + 1];
      for (let e = firstEdge[from]; e < end; e++) {
        if (edgeType[e] === weak) continue;
        const to = edgeToNode[e];
        const theirs = owner[to];
        if (theirs === to || theirs === mine || theirs === SHARED) continue;
        owner[to] = theirs === UNVISITED ? mine : SHARED;
        if (sp === stack.length) stack = doubled(stack);
        stack[sp++] = to;
      }
    }
    this.stack = stack;
    this.sp = sp;
    this.seed = seed;
    return sp === 0 && seed >= nodeCount;
  }
}

/**
 * A copy of `raw` in 32 bits when even their total fits (then every sum of some of them does),
 * written into `into` if given; else in doubles.
 */
export function sizeArrayFor(raw: SizeArray, into?: Uint32Array): SizeArray {
  let total = 0;
  for (let i = 0; i < raw.length; i++) total += raw[i];
  if (total > 0xffffffff) return Float64Array.from(raw);
  if (!into || into.length < raw.length) return Uint32Array.from(raw);
  const sizes = into.subarray(0, raw.length);
  sizes.set(raw);
  return sizes;
}
