import { ParsedSnapshot } from '../snapshot/parsedSnapshot';
import { NodeTypeIds } from './heapGraph';
import { MARK_DOCUMENT_DOM_TREES, StringMarks } from './stringMarks';

/**
 * DevTools' "user root": a child of the synthetic root that is not itself synthetic (in Node,
 * the global objects V8 links with shortcut edges), or Blink's "(Document DOM trees)". Distances
 * start from them, and whether any exist decides if shallow sizes are re-attributed.
 */
export function isUserRoot(parsed: ParsedSnapshot, types: NodeTypeIds, marks: StringMarks, ordinal: number): boolean {
  if (parsed.nodeType[ordinal] !== types.synthetic) return true;
  return (marks.of(parsed.nodeName[ordinal]) & MARK_DOCUMENT_DOM_TREES) !== 0;
}

export function hasUserRoots(parsed: ParsedSnapshot, types: NodeTypeIds, marks: StringMarks, root: number): boolean {
  for (let e = parsed.firstEdge[root]; e < parsed.firstEdge[root + 1]; e++) {
    if (isUserRoot(parsed, types, marks, parsed.edgeToNode[e])) return true;
  }
  return false;
}
