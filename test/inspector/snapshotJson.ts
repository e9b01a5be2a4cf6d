import { readFileSync } from 'node:fs';

/**
 * A deliberately naive reading of a small .heapsnapshot (JSON.parse of the whole file), as an
 * independent check on what the capture wrote: it must be complete, well-formed V8 output.
 */
export interface SnapshotJson {
  nodeCount: number;
  /** node id → node name */
  names: Map<number, string>;
}

export function readSnapshotJson(file: string): SnapshotJson {
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[] }; node_count: number };
    nodes: number[];
    strings: string[];
  };
  const fields = json.snapshot.meta.node_fields;
  const width = fields.length;
  const idAt = fields.indexOf('id');
  const nameAt = fields.indexOf('name');
  if (json.nodes.length !== json.snapshot.node_count * width) {
    throw new Error(`nodes array holds ${json.nodes.length / width} nodes, header says ${json.snapshot.node_count}`);
  }
  const names = new Map<number, string>();
  for (let i = 0; i < json.nodes.length; i += width) names.set(json.nodes[i + idAt], json.strings[json.nodes[i + nameAt]]);
  return { nodeCount: json.snapshot.node_count, names };
}
