import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, PAUSE_MASK, pause } from './buildOptions';
import { EdgeTypeIds, NodeTypeIds } from './heapGraph';
import { MARK_EXTERNAL_STRING_DATA, StringMarks } from './stringMarks';

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
 * so the propagation order does not matter; we seed owners in ordinal order, each with its own
 * explicit stack (no recursion). Sizes are never moved onto the root or synthetic nodes.
 *
 * Returns `raw` itself when nothing moves, otherwise a new array.
 */
export async function computeShallowSizes(
  parsed: ParsedSnapshot, types: NodeTypeIds, edgeTypes: EdgeTypeIds, marks: StringMarks, root: number,
  userRoots: boolean, options: BuildOptions,
): Promise<Float64Array> {
  const raw = parsed.nodeSelfSize;
  if (!userRoots) return raw;
  const { nodeCount, nodeType, nodeName, firstEdge, edgeToNode, edgeType } = parsed;
  const weak = edgeTypes.weak;
  const owner = new Uint32Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) {
    const t = nodeType[i];
    const owned = t === types.hidden || t === types.array ||
      (t === types.native && (marks.of(nodeName[i]) & MARK_EXTERNAL_STRING_DATA) !== 0);
    owner[i] = owned ? UNVISITED : i;
  }

  let stack = new Uint32Array(1024);
  let steps = 0;
  for (let seed = 0; seed < nodeCount; seed++) {
    if (owner[seed] !== seed) continue;
    let sp = 0;
    stack[sp++] = seed;
    while (sp > 0) {
      const from = stack[--sp];
      const mine = owner[from];
      const end = firstEdge[from + 1];
      for (let e = firstEdge[from]; e < end; e++) {
        if (edgeType[e] === weak) continue;
        const to = edgeToNode[e];
        const theirs = owner[to];
        if (theirs === to || theirs === mine || theirs === SHARED) continue;
        owner[to] = theirs === UNVISITED ? mine : SHARED;
        if (sp === stack.length) {
          const grown = new Uint32Array(stack.length * 2);
          grown.set(stack);
          stack = grown;
        }
        stack[sp++] = to;
      }
      if ((++steps & PAUSE_MASK) === 0) await pause(options, 'shallow sizes', seed, nodeCount);
    }
  }

  const sizes = raw.slice();
  for (let i = 0; i < nodeCount; i++) {
    const o = owner[i];
    if (o === i || o === UNVISITED || o === SHARED) continue;
    if (o === root || nodeType[o] === types.synthetic) continue;
    sizes[o] += sizes[i];
    sizes[i] = 0;
  }
  return sizes;
}
