import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { BuildOptions, CHUNK, pause } from './buildOptions';
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
  /** Holds the stack if given (at least nodeCount words, contents ignored). */
  scratch?: Uint32Array,
): Promise<void> {
  const { firstEdge, edgeToNode, edgeType, nodeType, nodeName } = parsed;
  const walk = new PageWalk(parsed, edgeTypes.weak, flags, scratch);
  for (let e = firstEdge[root]; e < firstEdge[root + 1]; e++) {
    const to = edgeToNode[e];
    const t = edgeType[e];
    const entry = t === edgeTypes.shortcut || (t === edgeTypes.element && nodeType[to] === types.synthetic &&
      (marks.of(nodeName[to]) & MARK_DOCUMENT_DOM_TREES) !== 0);
    if (entry) walk.push(to);
  }
  while (!walk.run(CHUNK)) await pause(options, 'page objects', walk.visited, parsed.nodeCount);
}

class PageWalk {
  private readonly stack: Uint32Array;
  private sp = 0;
  visited = 0;

  constructor(private readonly parsed: ParsedSnapshot, private readonly weak: number, private readonly flags: Uint8Array, scratch?: Uint32Array) {
    // Each node is pushed at most once: nodeCount words always suffice.
    this.stack = scratch && scratch.length >= parsed.nodeCount ? scratch : new Uint32Array(parsed.nodeCount);
  }

  push(v: number): void {
    if (this.flags[v] & NODE_FLAG_PAGE_OBJECT) return;
    this.flags[v] |= NODE_FLAG_PAGE_OBJECT;
    this.stack[this.sp++] = v;
  }

  /** Visits up to `budget` nodes; true when done. */
  run(budget: number): boolean {
    const { firstEdge, edgeToNode, edgeType } = this.parsed;
    const { stack, flags, weak } = this;
    // Imported constants copied to locals: under tsx (and any CommonJS build) an import is a getter
    // call per use, which profiled as up to a third of this loop.
    const pageObject = NODE_FLAG_PAGE_OBJECT;
    let sp = this.sp;
    let left = budget;
    while (sp > 0 && left-- > 0) {
      const from = stack[--sp];
      const end = firstEdge[from + 1];
      for (let e = firstEdge[from]; e < end; e++) {
        const to = edgeToNode[e];
        if (flags[to] & pageObject || edgeType[e] === weak) continue;
        flags[to] |= pageObject;
        stack[sp++] = to;
      }
    }
    this.visited += budget - Math.max(left, 0);
    this.sp = sp;
    return sp === 0;
  }
}
