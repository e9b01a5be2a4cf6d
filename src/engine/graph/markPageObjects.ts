import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, PAUSE_MASK, pause } from './buildOptions';
import { EdgeTypeIds, NODE_FLAG_PAGE_OBJECT, NodeTypeIds } from './heapGraph';
import { MARK_DOCUMENT_DOM_TREES, StringMarks } from './stringMarks';

/**
 * Sets NODE_FLAG_PAGE_OBJECT on everything reachable over non-weak edges from the user global
 * objects (the targets of the root's shortcut edges) and from "(Document DOM trees)". Why:
 * DevTools ignores edges from non-page objects into page objects when building dominators, so
 * that what the debugger or V8's internals also hold does not steal an app object's retained
 * size. Iterative, explicit stack; each node is pushed at most once.
 */
export async function markPageObjects(
  parsed: ParsedSnapshot, types: NodeTypeIds, edgeTypes: EdgeTypeIds, marks: StringMarks, root: number,
  flags: Uint8Array, options: BuildOptions,
): Promise<void> {
  const { nodeCount, firstEdge, edgeToNode, edgeType, nodeType, nodeName } = parsed;
  const stack = new Uint32Array(nodeCount);
  let sp = 0;
  for (let e = firstEdge[root]; e < firstEdge[root + 1]; e++) {
    const to = edgeToNode[e];
    const t = edgeType[e];
    const entry = t === edgeTypes.shortcut || (t === edgeTypes.element && nodeType[to] === types.synthetic &&
      (marks.of(nodeName[to]) & MARK_DOCUMENT_DOM_TREES) !== 0);
    if (!entry || flags[to] & NODE_FLAG_PAGE_OBJECT) continue;
    flags[to] |= NODE_FLAG_PAGE_OBJECT;
    stack[sp++] = to;
  }
  const weak = edgeTypes.weak;
  let steps = 0;
  while (sp > 0) {
    const from = stack[--sp];
    const end = firstEdge[from + 1];
    for (let e = firstEdge[from]; e < end; e++) {
      const to = edgeToNode[e];
      if (flags[to] & NODE_FLAG_PAGE_OBJECT || edgeType[e] === weak) continue;
      flags[to] |= NODE_FLAG_PAGE_OBJECT;
      stack[sp++] = to;
    }
    if ((++steps & PAUSE_MASK) === 0) await pause(options, 'page objects', steps, nodeCount);
  }
}
