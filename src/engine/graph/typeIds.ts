import { SnapshotMeta } from '../snapshot/parsedSnapshot';
import { EdgeTypeIds, NodeTypeIds } from './heapGraph';

/** Enum values are looked up by name once, so a snapshot that reorders or drops types still works. */
export function resolveNodeTypeIds(meta: SnapshotMeta): NodeTypeIds {
  const id = (name: string) => meta.nodeTypes.indexOf(name);
  return {
    hidden: id('hidden'), array: id('array'), string: id('string'), object: id('object'), code: id('code'),
    closure: id('closure'), regexp: id('regexp'), number: id('number'), native: id('native'),
    synthetic: id('synthetic'), concatenatedString: id('concatenated string'), slicedString: id('sliced string'),
    symbol: id('symbol'), bigint: id('bigint'), objectShape: id('object shape'),
  };
}

export function resolveEdgeTypeIds(meta: SnapshotMeta): EdgeTypeIds {
  const id = (name: string) => meta.edgeTypes.indexOf(name);
  return {
    context: id('context'), element: id('element'), property: id('property'), internal: id('internal'),
    hidden: id('hidden'), shortcut: id('shortcut'), weak: id('weak'),
  };
}
