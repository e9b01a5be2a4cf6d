/**
 * Builder snapshots with everything a parser can get wrong: escapes, multibyte UTF-8, surrogate
 * pairs and lone surrogates, empty and long strings, locations, other field layouts, sections in
 * other orders, unknown sections, V8's \u-escaping of non-ASCII text, pretty-printed whitespace.
 */
import { HeapSnapshotJson, SnapshotBuilder, snapshotJsonToText } from '../snapshotBuilder';

export const TRICKY_STRINGS = [
  '', 'plain', 'quote " inside', 'back\\slash', 'slash / here', 'new\nline\ttab\rcr\bbs\fff',
  'control \u0001\u001f end', 'é accented', '東京 tokyo', 'emoji 😀 pair', 'lone \ud800 high', 'lone \udfff low',
  '\u2028\u2029 separators', 'x'.repeat(300), 'mixé😀"\\\n'.repeat(8),
];

/** A small graph whose names are the tricky strings, with closures and locations. */
export function trickyJson(): HeapSnapshotJson {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const holder = b.node('object', 'Holder', 48);
  b.edge(gc, holder, 'element', 1);
  TRICKY_STRINGS.forEach((s, i) => {
    const str = b.node('string', s, 16 + s.length);
    b.edge(holder, str, 'property', `p${i} ${s.slice(0, 20)}`);
    b.edge(holder, str, 'element', i);
  });
  for (let i = 0; i < 8; i++) {
    const fn = b.node('closure', `fn${i}`, 32, { detachedness: i % 3 });
    const ctx = b.node('object', 'system / Context', 40);
    b.edge(holder, fn, 'internal', `f${i}`);
    b.edge(fn, ctx, 'context', 'context');
    b.edge(ctx, holder, 'weak', 'weak ref');
    b.edge(fn, b.node('hidden', 'system / Map', 80), 'hidden', i);
    b.edge(fn, b.node('code', 'code', 1_000_000 + i), 'shortcut', 'code');
    b.location(fn, 3 + i, 10 * i, 4);
  }
  return b.toJson();
}

/** V8 writes every non-ASCII character as \uXXXX; JSON.stringify writes raw UTF-8. */
export function escapeNonAscii(text: string): string {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Rewrites the records for other node/edge field lists (reordered, extra fields, fewer fields). */
export function relayout(json: HeapSnapshotJson, nodeFields: string[], edgeFields: string[]): HeapSnapshotJson {
  const meta = json.snapshot.meta;
  const oldNf = meta.node_fields.length;
  const oldEf = meta.edge_fields.length;
  const nodes: number[] = [];
  for (let i = 0; i < json.nodes.length; i += oldNf) {
    for (const f of nodeFields) {
      const at = meta.node_fields.indexOf(f);
      nodes.push(at >= 0 ? json.nodes[i + at] : 7);
    }
  }
  const edges: number[] = [];
  for (let i = 0; i < json.edges.length; i += oldEf) {
    for (const f of edgeFields) {
      const at = meta.edge_fields.indexOf(f);
      const v = at >= 0 ? json.edges[i + at] : 5;
      edges.push(f === 'to_node' ? (v / oldNf) * nodeFields.length : v);
    }
  }
  const locationFields = meta.location_fields;
  const locations = (json.locations ?? []).map((v, i) =>
    i % locationFields.length === locationFields.indexOf('object_index') ? (v / oldNf) * nodeFields.length : v);
  const nodeTypes = nodeFields.map((f) => (f === 'type' ? meta.node_types[0] : 'number'));
  const edgeTypes = edgeFields.map((f) => (f === 'type' ? meta.edge_types[0] : 'number'));
  return {
    ...json,
    snapshot: { ...json.snapshot, meta: { ...meta, node_fields: nodeFields, node_types: nodeTypes, edge_fields: edgeFields, edge_types: edgeTypes } },
    nodes,
    edges,
    locations,
  };
}

/** The snapshot text with its top-level sections in the given order (others after them). */
export function textInOrder(json: HeapSnapshotJson, order: string[], extra: Record<string, unknown> = {}): string {
  const all: Record<string, unknown> = { ...json, ...extra };
  const keys = [...order, ...Object.keys(all).filter((k) => !order.includes(k))];
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(all[k])}`).join(',\n')}}`;
}

export interface SnapshotVariant {
  name: string;
  json: HeapSnapshotJson;
  text: string;
}

/** The variants every round-trip test runs through. */
export function snapshotVariants(): SnapshotVariant[] {
  const json = trickyJson();
  const sixFields = relayout(json, ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id'], ['type', 'name_or_index', 'to_node']);
  const shuffled = relayout(
    json,
    ['edge_count', 'future_field', 'self_size', 'id', 'detachedness', 'name', 'type', 'trace_node_id'],
    ['to_node', 'edge_future', 'name_or_index', 'type'],
  );
  const unknown = {
    aaa_future: { nested: [[1, [2, { x: ']' }]], 'str"ing'], t: true, f: false, n: null, neg: -1.5e3 },
    zzz_scalar: 42,
    zzz_string: 'a ] } " \\ string',
  };
  const withRoot = { ...json, snapshot: { ...json.snapshot, root_index: 0 } };
  const manyKeys = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`extra${i}`, [i, { k: `v${i}` }]]));
  return [
    { name: 'V8 layout', json, text: snapshotJsonToText(json) },
    { name: 'non-ASCII as \\u escapes', json, text: escapeNonAscii(snapshotJsonToText(json)) },
    { name: 'pretty-printed', json, text: JSON.stringify(json, null, 2) },
    { name: '6 node fields (old V8)', json: sixFields, text: snapshotJsonToText(sixFields) },
    { name: 'reordered and extra fields', json: shuffled, text: snapshotJsonToText(shuffled) },
    { name: 'strings first', json, text: textInOrder(json, ['strings', 'snapshot', 'nodes', 'edges']) },
    { name: 'nodes, edges, locations before the header', json, text: textInOrder(json, ['locations', 'edges', 'strings', 'nodes', 'snapshot']) },
    { name: 'unknown sections everywhere', json, text: textInOrder(json, ['aaa_future', 'snapshot', 'zzz_scalar', 'nodes', 'zzz_string', 'edges', 'strings'], unknown) },
    { name: 'root_index', json: withRoot, text: snapshotJsonToText(withRoot) },
    { name: '70 unknown sections first', json, text: textInOrder(json, [...Object.keys(manyKeys), 'nodes', 'snapshot'], manyKeys) },
  ];
}
