import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childSnapshots } from '../engine/childSnapshots';
import { tempDir } from '../tempDir';
import { CLI, runCli } from './cliRun';
import { assertBuilt } from '../distBundle';

let tmp: ReturnType<typeof tempDir>;
let good: Buffer;

before(async () => {
  assertBuilt(CLI);
  tmp = tempDir('cli-bad');
  const [file] = await childSnapshots('globalThis.keep = [1, 2, 3]; snap();', 1, tmp.dir);
  good = readFileSync(file);
});
after(() => tmp.remove());

/** The good snapshot with `edit` applied to its text (the header is ASCII). */
function edited(edit: (text: string) => string): Buffer {
  return Buffer.from(edit(good.toString('latin1')), 'latin1');
}

function flipInNodes(): Buffer {
  const copy = Buffer.from(good);
  const at = copy.indexOf('"nodes":[') + 200;
  // XOR 0x40 turns a digit or comma into a letter: no longer a number array.
  copy[at] ^= 0x40;
  return copy;
}

interface BadCase {
  name: string;
  file: string;
  content: (() => Buffer) | null;
  /** What the one error line must say besides the file name. */
  expect: RegExp;
}

const CASES: BadCase[] = [
  { name: 'a missing file', file: 'missing.heapsnapshot', content: null, expect: /no such file/ },
  { name: 'an empty file', file: 'empty.heapsnapshot', content: () => Buffer.alloc(0), expect: /byte 0: empty file/ },
  { name: 'random JSON', file: 'random.json', content: () => Buffer.from('{"hello": [1, 2, {"x": "y"}], "n": 3}\n'), expect: /byte \d+/ },
  {
    name: 'a .cpuprofile',
    file: 'trace.cpuprofile',
    content: () => Buffer.from(JSON.stringify({ nodes: [{ id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1, scriptId: '0' }, children: [] }], startTime: 0, endTime: 10, samples: [1], timeDeltas: [10] })),
    expect: /byte \d+/,
  },
  { name: 'a truncated snapshot', file: 'truncated.heapsnapshot', content: () => good.subarray(0, Math.floor(good.length / 2)), expect: /byte \d+/ },
  { name: 'a bit-flipped snapshot', file: 'flipped.heapsnapshot', content: flipInNodes, expect: /byte \d+/ },
  {
    name: 'a wrong meta (node_fields one short)',
    file: 'wrong-meta.heapsnapshot',
    content: () => edited((t) => t.replace('"trace_node_id","detachedness"]', '"trace_node_id"]')),
    expect: /byte \d+/,
  },
  {
    name: 'an unsupported version (renamed fields)',
    file: 'future.heapsnapshot',
    content: () => edited((t) => t.replace('"self_size"', '"shallow_size"')),
    expect: /unsupported heap snapshot version/,
  },
  { name: 'a directory', file: '.', content: null, expect: /byte 0|not a regular file|directory/ },
];

for (const c of CASES) {
  test(`summary of ${c.name}: one clear error line, non-zero exit, bounded time`, async () => {
    const file = c.file === '.' ? tmp.dir : join(tmp.dir, c.file);
    if (c.content) writeFileSync(file, c.content());
    const r = await runCli(['summary', file, '--json']);
    assert.notEqual(r.code, 0, `exit code ${r.code}`);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `stderr:\n${r.stderr}`);
    assert.ok(lines[0].startsWith('heapscope summary: '), lines[0]);
    assert.ok(lines[0].includes(file), `does not name the file: ${lines[0]}`);
    assert.match(lines[0], c.expect);
    assert.ok(r.ms < 15_000, `took ${r.ms} ms`);
  });
}

test('usage errors exit 2 with the usage line', async () => {
  const r = await runCli(['path', join(tmp.dir, 'x.heapsnapshot')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--id NODE_ID is required\nusage: heapscope path FILE --id NODE_ID/);
});
