import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { growingSites } from '../../../src/engine/allocation/growingSites';
import { ProfileSites } from '../../../src/engine/allocation/profileSites';
import { ProfileFormatError, readSamplingProfile } from '../../../src/engine/allocation/samplingProfile';
import { tempDir } from '../../tempDir';

const tmp = tempDir('profiles');
const dir = tmp.dir;
after(() => tmp.remove());

type Frame = [name: string, url: string, scriptId: number, line: number];
interface TreeNode {
  frame: Frame;
  self: number;
  children?: TreeNode[];
}

/** A CDP SamplingHeapProfile from a small tree, written to a file as `capture` writes it. */
function profileFile(name: string, head: TreeNode): string {
  let id = 0;
  const toCdp = (n: TreeNode): unknown => ({
    callFrame: { functionName: n.frame[0], url: n.frame[1], scriptId: String(n.frame[2]), lineNumber: n.frame[3], columnNumber: 2 },
    selfSize: n.self,
    id: ++id,
    children: (n.children ?? []).map(toCdp),
  });
  const file = join(dir, `${name}.heapprofile`);
  writeFileSync(file, JSON.stringify({ head: toCdp(head), samples: [] }));
  return file;
}

const ROOT: Frame = ['(root)', '', 0, -1];
const MAIN: Frame = ['main', '/app/server.js', 7, 10];
const ADD: Frame = ['addSession', '/app/server.js', 7, 40];
const FILL: Frame = ['fill', '', 0, -1];
const NOISE: Frame = ['render', '/app/view.js', 8, 3];
const KiB = 1024;

/** One profile of the series: addSession's bytes (part through the builtin `fill`) and render's. */
function step(i: number, addBytes: number, noiseBytes: number): string {
  return profileFile(`step-${i}`, {
    frame: ROOT,
    self: 0,
    children: [{ frame: MAIN, self: 0, children: [{ frame: ADD, self: addBytes / 2, children: [{ frame: FILL, self: addBytes / 2 }] }, { frame: NOISE, self: noiseBytes }] }],
  });
}

test('a builtin frame’s bytes go to the JavaScript function that called it; the site keeps every function on its stacks', async () => {
  const p = await readSamplingProfile(step(0, 200 * KiB, 50 * KiB));
  const add = p.sites.get('7:40:2');
  assert.ok(add);
  assert.equal(add.bytes, 200 * KiB);
  assert.equal(add.frame.functionName, 'addSession');
  assert.deepEqual([...add.frames].sort(), ['7:10:2', '7:40:2']);
  assert.equal(p.totalBytes, 250 * KiB);
  assert.equal(p.sites.size, 2);
});

const cases: { name: string; add: number[]; noise: number[]; growing: string[] }[] = [
  { name: 'steady growth is reported, flat noise is not', add: [100, 300, 500], noise: [60, 60, 60], growing: ['addSession'] },
  { name: 'a site that falls at one step is not growing', add: [100, 600, 400], noise: [60, 60, 60], growing: [] },
  { name: 'growth below two sampling intervals is noise', add: [100, 120, 150], noise: [60, 60, 60], growing: [] },
  { name: 'two growing sites, fastest first', add: [100, 200, 300], noise: [0, 300, 600], growing: ['render', 'addSession'] },
];

for (const c of cases) {
  test(`growingSites: ${c.name}`, async () => {
    const profiles: ProfileSites[] = [];
    for (let i = 0; i < c.add.length; i++) profiles.push(await readSamplingProfile(step(i, c.add[i] * KiB, c.noise[i] * KiB)));
    const found = growingSites(profiles);
    assert.deepEqual(found.map((g) => g.site.functionName), c.growing);
    const add = found.find((g) => g.site.functionName === 'addSession');
    if (add) {
      assert.deepEqual(add.site, { script: '/app/server.js', line: 41, column: 3, functionName: 'addSession', bytes: c.add.map((b) => b * KiB), growth: ((c.add[2] - c.add[0]) * KiB) / 2 });
    }
  });
}

test('a file that is not a sampling profile gets a clear error naming it', async () => {
  for (const [name, text] of [['notjson', '{"head": '], ['nohead', '{"samples": []}'], ['badframe', '{"head": {"callFrame": {}, "selfSize": 0, "children": []}}']]) {
    const file = join(dir, `${name}.heapprofile`);
    writeFileSync(file, text);
    await assert.rejects(readSamplingProfile(file), (e: unknown) => e instanceof ProfileFormatError && e.message.startsWith(`${file}: not a V8 sampling heap profile`));
  }
});
