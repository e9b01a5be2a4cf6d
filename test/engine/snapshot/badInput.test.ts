import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { SnapshotParseError } from '../../../src/engine/snapshot/snapshotParseError';
import { HeapSnapshotJson, SnapshotBuilder, snapshotJsonToText } from '../snapshotBuilder';
import { tempDir } from '../../tempDir';
import { writeCpuProfile } from './writeRealSnapshot';

const tmp = tempDir('bad');
after(() => tmp.remove());

function baseJson(): HeapSnapshotJson {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const map = b.node('object', 'Map', 32);
  b.edge(gc, map, 'element', 1);
  for (let i = 0; i < 5; i++) b.edge(map, b.node('string', `value ${i}`, 24), 'property', `key${i}`);
  b.location(map, 1, 2, 3);
  return b.toJson();
}

/** A snapshot text after `change` edits its JSON (a fresh copy each time). */
function changed(change: (json: HeapSnapshotJson) => void): string {
  const json = baseJson();
  change(json);
  return snapshotJsonToText(json);
}

const base = snapshotJsonToText(baseJson());
const at = (text: string, needle: string, skip = 0) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `fixture lacks ${needle}`);
  return i + skip;
};
const endOf = (text: string) => Buffer.byteLength(text);

interface BadCase {
  name: string;
  text: string;
  message: RegExp;
  /** Where the error must point: an exact byte, or the byte range of the culprit. */
  position: (text: string) => number | [number, number];
}

const CASES: BadCase[] = [
  { name: 'empty file', text: '', message: /byte 0: empty file$/, position: () => 0 },
  { name: 'whitespace only', text: ' \n\t', message: /unexpected end of file/, position: endOf },
  { name: 'random JSON', text: '{"a":1}', message: /byte 7: not a V8 heap snapshot: no "snapshot" section \(top-level keys: "a"\)$/, position: endOf },
  { name: 'a JSON array', text: '[1,2,3]', message: /byte 0: unexpected '\[', expected '\{': not a V8 heap snapshot$/, position: () => 0 },
  { name: 'binary junk', text: '\u0000\u0001garbage', message: /byte 0: unexpected byte 0x00/, position: () => 0 },
  { name: 'an HTML page', text: '<!doctype html><p>hi', message: /byte 0: unexpected '<'/, position: () => 0 },
  { name: 'trailing garbage', text: `${base}x`, message: /unexpected 'x', expected nothing after the snapshot's closing '\}'$/, position: (t) => endOf(t) - 1 },
  { name: 'unclosed top level', text: base.slice(0, -1), message: /unexpected end of file/, position: endOf },
  {
    name: 'no snapshot.meta (unsupported version)',
    text: base.replace(/"meta":\{.*?\},"node_count"/, '"node_count"'),
    message: /unsupported heap snapshot version: no snapshot\.meta$/,
    position: (t) => at(t, '{"node_count"'),
  },
  {
    name: 'node_fields without id',
    text: changed((j) => { j.snapshot.meta.node_fields[2] = 'ident'; }),
    message: /unsupported heap snapshot version: snapshot\.meta\.node_fields has no 'id'$/,
    position: (t) => at(t, '{"meta"'),
  },
  {
    name: 'node_fields without edge_count',
    text: changed((j) => { j.snapshot.meta.node_fields[4] = 'edges'; }),
    message: /snapshot\.meta\.node_fields has no 'edge_count'$/,
    position: (t) => at(t, '{"meta"'),
  },
  {
    name: 'edge_fields without to_node',
    text: changed((j) => { j.snapshot.meta.edge_fields.pop(); }),
    message: /snapshot\.meta\.edge_fields has no 'to_node'$/,
    position: (t) => at(t, '{"meta"'),
  },
  {
    name: 'edge_types not an array',
    text: changed((j) => { (j.snapshot.meta as { edge_types: unknown }).edge_types = 'types'; }),
    message: /snapshot\.meta\.edge_types is not an array/,
    position: (t) => at(t, '{"meta"'),
  },
  {
    name: 'node_types[0] not a list of names',
    text: changed((j) => { j.snapshot.meta.node_types[0] = [1, 2]; }),
    message: /snapshot\.meta\.node_types\[0\] is not a list of type names$/,
    position: (t) => at(t, '{"meta"'),
  },
  {
    name: 'a field listed twice',
    text: changed((j) => { j.snapshot.meta.node_fields[5] = 'name'; }),
    message: /snapshot\.meta\.node_fields lists 'name' twice$/,
    position: (t) => at(t, '{"meta"'),
  },
  {
    name: 'node_count not a number',
    text: changed((j) => { (j.snapshot as { node_count: unknown }).node_count = '9'; }),
    message: /snapshot\.node_count is not a count: "9"$/,
    position: (t) => at(t, '{"meta"'),
  },
  {
    name: 'header claims a billion nodes',
    text: changed((j) => { j.snapshot.node_count = 1e9; }),
    message: /snapshot\.node_count 1000000000 and edge_count \d+ need at least 14000000\d+ bytes, but the file has \d+$/,
    position: (t) => at(t, '{"meta"'),
  },
  {
    name: 'header not JSON',
    text: `{"snapshot":{"meta":{"a":tru}},${base.slice(base.indexOf('"nodes"'))}`,
    message: /byte 12: "snapshot" is not valid JSON \(/,
    position: () => 12,
  },
  {
    name: 'header broken',
    text: `{"snapshot":{"meta":{,}},${base.slice(base.indexOf('"nodes"'))}`,
    message: /byte 21: unexpected ',', expected a key in "snapshot"$/,
    position: () => 21,
  },
  {
    name: 'node_count larger than nodes',
    text: changed((j) => { j.snapshot.node_count += 1; }),
    message: /"nodes" has 8 nodes but snapshot\.node_count is 9$/,
    position: (t) => [at(t, '"nodes"'), at(t, '"edges"')],
  },
  {
    name: 'node_count smaller than nodes',
    text: changed((j) => { j.snapshot.node_count -= 1; }),
    message: /more nodes than snapshot\.node_count \(7\)$/,
    position: (t) => [at(t, '"nodes"'), at(t, '"edges"')],
  },
  {
    name: 'edge_count larger than edges',
    text: changed((j) => { j.snapshot.edge_count += 1; }),
    message: /node edge_counts add up to 7 but snapshot\.edge_count is 8$/,
    position: (t) => [at(t, '"nodes"'), at(t, '"edges"')],
  },
  {
    name: 'edge_count smaller than edges',
    text: changed((j) => { j.snapshot.edge_count -= 1; }),
    message: /node edge_counts add up to more than snapshot\.edge_count \(6\)$/,
    position: (t) => [at(t, '"nodes"'), at(t, '"edges"')],
  },
  {
    name: 'sum of edge_count differs from the edges array',
    text: changed((j) => { j.nodes[7 * 2 + 4] += 1; j.snapshot.edge_count += 1; }),
    message: /"edges" has 7 edges but snapshot\.edge_count is 8$/,
    position: (t) => [at(t, '"edges"'), at(t, '"locations"')],
  },
  {
    name: 'partial node at the end',
    text: changed((j) => { j.nodes.push(3); }),
    message: /"nodes" ends inside a node \(1 of 7 fields\)$/,
    position: (t) => [at(t, '"nodes"'), at(t, '"edges"')],
  },
  {
    name: 'edge to_node not a multiple of node_fields',
    text: changed((j) => { j.edges[3 * 3 + 2] = 15; }),
    message: /edge to_node 15 is not a multiple of node_fields \(7\)$/,
    position: (t) => {
      const edges = at(t, '"edges"');
      return edges + (/,15[\n\]]/.exec(t.slice(edges))?.index ?? -edges) + 1;
    },
  },
  {
    name: 'edge to_node beyond the last node',
    text: changed((j) => { j.edges[3 * 3 + 2] = 700; }),
    message: /edge to_node 700 is beyond the last node \(49\)$/,
    position: (t) => at(t, ',700', 1),
  },
  {
    name: 'node type beyond the enum',
    text: changed((j) => { j.nodes[7 * 2] = 99; }),
    message: /node type 99 is beyond node_types \(16 types\)$/,
    position: (t) => at(t, '\n,99,', 2),
  },
  {
    name: 'edge type beyond the enum',
    text: changed((j) => { j.edges[3 * 2] = 42; }),
    message: /edge type 42 is beyond edge_types \(7 types\)$/,
    position: (t) => at(t, '\n,42,', 2),
  },
  {
    name: 'node name beyond the strings',
    text: changed((j) => { j.nodes[7 * 3 + 1] = 777; }),
    message: /node name 777 is beyond the 13 strings$/,
    position: (t) => at(t, ',777,', 1),
  },
  {
    name: 'edge name beyond the strings',
    text: changed((j) => { j.edges[3 * 2 + 1] = 555; }),
    message: /edge name 555 is beyond the 13 strings$/,
    position: (t) => at(t, ',555,', 1),
  },
  {
    name: 'location object_index not on a node',
    text: changed((j) => { (j.locations as number[])[0] = 8; }),
    message: /location object_index 8 is not the start of a node$/,
    position: (t) => at(t, '"locations":[8', 13),
  },
  {
    name: 'negative number in nodes',
    text: changed((j) => { j.nodes[7 * 2 + 3] = -5; }),
    message: /unexpected '-', expected a number in "nodes"$/,
    position: (t) => at(t, '-5'),
  },
  {
    name: 'fraction in edges',
    text: base.replace('"edges":[1,', '"edges":[1.5,'),
    message: /unexpected '\.', expected ',' or '\]' in "edges"$/,
    position: (t) => at(t, '1.5', 1),
  },
  {
    name: 'number too large',
    text: changed((j) => { j.nodes[7 * 2 + 2] = 123456789012; }),
    message: /number of 12 digits is larger than 32 bits in "nodes"$/,
    position: (t) => at(t, '123456789012'),
  },
  {
    name: 'node_count past 32-bit ordinals',
    text: changed((j) => { j.snapshot.node_count = 2 ** 32; }),
    message: /snapshot\.node_count 4294967296 is past 4294967294, the most Heapscope can index \(32-bit ordinals\)$/,
    position: (t) => at(t, '{"meta"'),
  },
  {
    name: 'objects in nodes',
    text: base.replace('"nodes":[', '"nodes":[{"id":1},'),
    message: /unexpected '\{', expected a number in "nodes"$/,
    position: (t) => at(t, '{"id"'),
  },
  {
    name: 'bad escape in strings',
    text: base.replace('"value 0"', '"value \\q0"'),
    message: /bad escape: backslash followed by 'q' in "strings"$/,
    position: (t) => at(t, '\\q', 1),
  },
  {
    name: 'bad \\u escape in strings',
    text: base.replace('"value 0"', '"value \\u12x4"'),
    message: /bad \\u escape: 'x' is not a hex digit in "strings"$/,
    position: (t) => at(t, '12x4', 2),
  },
  {
    name: 'number in strings',
    text: base.replace('"strings":[', '"strings":[7,'),
    message: /unexpected '7', expected a string in "strings"$/,
    position: (t) => at(t, '"strings":[7', 11),
  },
  {
    name: 'no strings section',
    text: base.slice(0, base.indexOf(',\n"strings"')) + '}',
    message: /no "strings" section$/,
    position: endOf,
  },
  {
    name: 'no edges section',
    text: base.replace(/\n"edges":\[[^\]]*\],/, ''),
    message: /no "edges" section$/,
    position: endOf,
  },
  {
    name: 'nodes twice',
    text: base.replace('\n"edges"', '\n"nodes":[],\n"edges"'),
    message: /"nodes" appears twice$/,
    position: (t) => at(t, '"nodes":[]'),
  },
  {
    name: 'unknown section nested too deep',
    text: base.replace('"samples":[]', `"samples":${'['.repeat(2000)}${']'.repeat(2000)}`),
    message: /nesting deeper than 1024 levels in "samples"$/,
    position: (t) => at(t, '"samples":', 10 + 1024),
  },
  {
    name: 'unknown section with a stray bracket',
    text: base.replace('"samples":[]', '"samples":[1,}'),
    message: /unexpected '\}' in "samples"$/,
    position: (t) => at(t, '[1,}', 3),
  },
];

async function parseError(file: string): Promise<SnapshotParseError> {
  try {
    await parseSnapshotFile(file);
  } catch (error) {
    if (error instanceof SnapshotParseError) return error;
    throw new Error(`expected SnapshotParseError, got ${String(error)}`, { cause: error });
  }
  assert.fail('parsed without error');
}

function assertPosition(error: SnapshotParseError, expected: number | [number, number]): void {
  if (typeof expected === 'number') assert.equal(error.position, expected, error.message);
  else assert.ok(error.position >= expected[0] && error.position <= expected[1], `${error.message}: not within ${expected}`);
  assert.ok(error.message.includes(`: byte ${error.position}: `), error.message);
}

describe('parseSnapshotFile on bad input', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const file = tmp.file(`${c.name.replace(/\W+/g, '_')}.heapsnapshot`, c.text);
      const error = await parseError(file);
      assert.equal(error.code, 'EPARSE');
      assert.ok(error.message.startsWith(`${file}: byte `), error.message);
      assert.match(error.message, c.message);
      assertPosition(error, c.position(c.text));
    });
  }

  it('a missing file', async () => {
    const file = `${tmp.dir}/does-not-exist.heapsnapshot`;
    const error = await parseError(file);
    assert.equal(error.message, `${file}: byte 0: no such file`);
  });

  it('a directory', async () => {
    const dir = `${tmp.dir}/a-directory.heapsnapshot`;
    mkdirSync(dir);
    assert.equal((await parseError(dir)).message, `${dir}: byte 0: not a regular file`);
  });

  it('a real .cpuprofile', async () => {
    const dir = `${tmp.dir}/profile`;
    mkdirSync(dir);
    const file = writeCpuProfile(process.execPath, dir);
    const error = await parseError(file);
    assert.match(error.message, /not a V8 heap snapshot: no "snapshot" section \(top-level keys: "nodes", "startTime", "endTime", "samples", "timeDeltas"\); this looks like a \.cpuprofile$/);
    assertPosition(error, [0, Infinity]);
  });

  it('a snapshot cut short anywhere', async () => {
    const bytes = Buffer.from(base);
    const cuts = [1, 2, 11, 12, 13, bytes.indexOf('"nodes"') + 9, bytes.indexOf('"strings"') + 12, bytes.length - 2];
    for (let cut = 5; cut < bytes.length; cut += 23) cuts.push(cut);
    for (const cut of cuts) {
      const file = tmp.file(`cut-${cut}.heapsnapshot`, bytes.subarray(0, cut));
      const error = await parseError(file);
      assert.match(error.message, /unexpected end of file|need at least \d+ bytes/, `cut at ${cut}: ${error.message}`);
      assertPosition(error, [0, cut]);
    }
  });
});
