import { HeapGraph } from '../graph/heapGraph';

/**
 * A node's id as written into a group key (seriesOf.ts): marked, so that a series whose ids were
 * renumbered between snapshots can find the ids in a key and translate them, and nothing else
 * in the key (a size, an event name) is mistaken for one.
 */
export function idKey(graph: HeapGraph, node: number): string {
  return `#${graph.nodeId[node]}#`;
}

/** The ids idKey wrote into a key; the first group of each match is the id. */
export const ID_IN_KEY = /#(\d+)#/g;
