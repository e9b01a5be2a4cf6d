import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { SnapshotParseError } from '../../../src/engine/snapshot/snapshotParseError';
import { HeapSnapshotJson, SnapshotBuilder, TraceFunction, snapshotJsonToText } from '../snapshotBuilder';
import { tempDir } from '../../tempDir';

const tmp = tempDir('traces');
after(() => tmp.remove());

/** A real snapshot taken with trackAllocations, by a child that tracks its own heap through node:inspector. */
const TRACKING = `
const inspector = require('node:inspector');
const fs = require('node:fs');
const s = new inspector.Session();
s.connect();
const post = (m, p) => new Promise((ok, no) => s.post(m, p || {}, (e, r) => (e ? no(e) : ok(r))));
class Order { constructor(i) { this.i = i; this.lines = [i, i + 1]; } }
const keep = [];
function place(i) { keep.push(new Order(i)); }
(async () => {
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
  for (let i = 0; i < 2000; i++) place(i);
  const chunks = [];
  s.on('HeapProfiler.addHeapSnapshotChunk', (m) => chunks.push(m.params.chunk));
  await post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  fs.writeFileSync(process.argv[1], chunks.join(''));
  process.exit(0);
})();
`;

interface TreeRef {
  id: number[];
  functionIndex: number[];
  parent: number[];
}

/** The reference: JSON.parse, then the nested tree flattened parent-first with an explicit stack, as V8 lays it out. */
function referenceTree(json: HeapSnapshotJson): TreeRef {
  const fields = json.snapshot.meta.trace_node_fields as string[];
  const nf = fields.length;
  const out: TreeRef = { id: [], functionIndex: [], parent: [] };
  const stack: { list: number[]; at: number; parent: number }[] = [{ list: json.trace_tree as number[], at: 0, parent: -1 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.at >= top.list.length) {
      stack.pop();
      continue;
    }
    const record = top.list.slice(top.at, top.at + nf);
    top.at += nf;
    const ordinal = out.id.length;
    out.id.push(record[fields.indexOf('id')] as number);
    out.functionIndex.push(record[fields.indexOf('function_info_index')] as number);
    out.parent.push(top.parent);
    stack.push({ list: record[fields.indexOf('children')] as unknown as number[], at: 0, parent: ordinal });
  }
  return out;
}

test('a real trackAllocations snapshot: trace ids, tree and functions equal a JSON.parse reading, at any chunk size', async () => {
  const file = join(tmp.dir, 'tracked.heapsnapshot');
  execFileSync(process.execPath, ['-e', TRACKING, file], { stdio: 'pipe', timeout: 60_000 });
  const json = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotJson;
  const tree = referenceTree(json);
  const nf = json.snapshot.meta.node_fields.length;
  const traceField = json.snapshot.meta.node_fields.indexOf('trace_node_id');
  const ff = (json.snapshot.meta.trace_function_info_fields as string[]).length;
  const infos = json.trace_function_infos as number[];
  for (const chunkSize of [undefined, 4096, 13]) {
    const parsed = await parseSnapshotFile(file, { chunkSize });
    const t = parsed.allocationTraces;
    assert.ok(t, 'traces are read');
    assert.deepEqual(Array.from(t.tree.id), tree.id);
    assert.deepEqual(Array.from(t.tree.functionIndex), tree.functionIndex);
    assert.deepEqual(Array.from(t.tree.parent), tree.parent);
    assert.equal(t.functions.count, infos.length / ff);
    assert.deepEqual(Array.from(t.functions.line), infos.filter((_, i) => i % ff === 4));
    assert.deepEqual(Array.from(t.nodeTraceId), json.nodes.filter((_, i) => i % nf === traceField));
  }
  // place() is named, 1-based, on the line the program has it (the -e script's line 10).
  const parsed = await parseSnapshotFile(file);
  const t = parsed.allocationTraces!;
  const place = Array.from({ length: t.functions.count }, (_, f) => f).find((f) => parsed.strings.get(t.functions.name[f]) === 'place');
  assert.ok(place !== undefined);
  assert.equal(t.functions.line[place], TRACKING.split('\n').findIndex((l) => l.startsWith('function place(')) + 1);
  assert.equal(t.functions.column[place], 'function place('.length, "1-based: the column of '(' where V8 starts the function");
  // Every Order made while tracking names a trace node whose function is place().
  const byId = new Map(Array.from(t.tree.id, (id, k) => [id, k]));
  let orders = 0;
  for (let i = 0; i < parsed.nodeCount; i++) {
    if (parsed.strings.get(parsed.nodeName[i]) !== 'Order' || parsed.meta.nodeTypes[parsed.nodeType[i]] !== 'object') continue;
    orders++;
    assert.equal(t.tree.functionIndex[byId.get(t.nodeTraceId[i])!], place);
  }
  assert.equal(orders, 2000);
});

function base(): HeapSnapshotJson {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const a = b.node('object', 'A', 16);
  b.edge(gc, a, 'element', 1);
  return b.toJson();
}

/** `base()` with trace node ids (`ids`, one per node), trace `functions` and the raw trace_tree text. */
function traced(ids: number[], functions: TraceFunction[], tree: string): string {
  const b = new SnapshotBuilder();
  assert.equal(ids[0], 0, 'the synthetic root has no trace node');
  const gc = b.node('synthetic', '(GC roots)', 0, { traceNodeId: ids[1] });
  b.edge(b.root, gc, 'element', 1);
  b.edge(gc, b.node('object', 'A', 16, { traceNodeId: ids[2] }), 'element', 1);
  for (const f of functions) b.traceFunction(f);
  const json = b.toJson();
  json.trace_tree = 0;
  return snapshotJsonToText(json).replace('"trace_tree":0', `"trace_tree":${tree}`);
}

// Function infos name the empty string (the builder's first) for both name and script.
const FNS: TraceFunction[] = [
  { functionId: 1, name: '', scriptName: '', scriptId: 0, line: 0, column: 0 },
  { functionId: 2, name: '', scriptName: '', scriptId: 7, line: 12, column: 5 },
];

const ids = [0, 3, 2];
for (const { name, text, tree, error } of [
  { name: 'nested children, whitespace and V8 line breaks', text: traced(ids, FNS, '[1,0,0,0,[2,1,1,16,[3,1,2,32,[]]\n,4,1,0,0,[ ]]]'), tree: { id: [1, 2, 3, 4], parent: [-1, 0, 1, 0] }, error: null },
  { name: 'an empty tree', text: traced(ids, FNS, '[]'), tree: { id: [], parent: [] }, error: null },
  { name: 'a record cut short', text: traced([0, 0, 0], FNS, '[1,0,0,0]'), tree: null, error: /a trace node ends after 4 of its 5 fields/ },
  { name: 'a number where the children belong', text: traced([0, 0, 0], FNS, '[1,0,0,0,5]'), tree: null, error: /a trace node has 4 numbers and then its children array/ },
  { name: 'children too early', text: traced([0, 0, 0], FNS, '[1,0,[]]'), tree: null, error: /children array comes after its 4 numbers/ },
  { name: 'a trailing comma', text: traced([0, 0, 0], FNS, '[1,0,0,0,[],]'), tree: null, error: /unexpected '\]' after ','/ },
  { name: 'a function index beyond the functions', text: traced([0, 0, 0], FNS, '[1,9,0,0,[]]'), tree: null, error: /function_info_index 9 is beyond the 2 trace functions/ },
  { name: 'a letter in the tree', text: traced([0, 0, 0], FNS, '[1,0,x,0,[]]'), tree: null, error: /unexpected .*x.* in "trace_tree"/ },
  { name: 'no trace_tree section', text: traced([0, 0, 0], FNS, '[]').replace(/,\n"trace_tree":\[\]/, ''), tree: null, error: /there is no "trace_tree" section/ },
]) {
  test(`trace_tree: ${name}`, async () => {
    for (const chunkSize of [undefined, 1, 3]) {
      const file = tmp.file(`case-${chunkSize}.heapsnapshot`, text);
      if (error) {
        await assert.rejects(parseSnapshotFile(file, { chunkSize }), (e: unknown) => e instanceof SnapshotParseError && error.test(e.message), name);
        continue;
      }
      const t = (await parseSnapshotFile(file, { chunkSize })).allocationTraces;
      assert.ok(t);
      assert.deepEqual({ id: Array.from(t.tree.id), parent: Array.from(t.tree.parent) }, tree);
      assert.deepEqual(Array.from(t.nodeTraceId), ids);
      assert.deepEqual(Array.from(t.functions.line), [0, 12]);
    }
  });
}

test('an ordinary snapshot (trace_function_count 0, empty trace sections) gets no trace column', async () => {
  const json = base();
  Object.assign(json.snapshot, { trace_function_count: 0 });
  json.trace_function_infos = [];
  json.trace_tree = [];
  const parsed = await parseSnapshotFile(tmp.file('plain.heapsnapshot', snapshotJsonToText(json)));
  assert.equal(parsed.allocationTraces, null);
});
