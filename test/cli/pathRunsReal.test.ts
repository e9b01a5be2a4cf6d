import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { childSnapshots } from '../engine/childSnapshots';
import { tempDir } from '../tempDir';
import { graphsOf } from '../engine/detectors/fixtureRun';
import { runCli } from './cliRun';

const tmp = tempDir('path-runs');
after(() => tmp.remove());

/** A real AbortSignal with 40 listeners: Node links them as `Listener` objects through `next`. */
const SCRIPT = `
const ac = new AbortController();
globalThis.appSignal = ac.signal;
for (let i = 0; i < 40; i++) { const big = 'x'.repeat(1000) + i; ac.signal.addEventListener('abort', () => big.length); }
snap();
`;

test('heapscope path prints a chain of 40 Listeners as one step, and --json keeps every raw step', async () => {
  const [file] = await childSnapshots(SCRIPT, 1, tmp.dir);
  const [g] = await graphsOf([file]);
  // The deepest reachable Listener: the last link of the list.
  let last = -1;
  for (let n = 0; n < g.nodeCount; n++) {
    if (g.strings.get(g.nodeName[n]) === 'Listener' && g.distance[n] < 1e8 && (last < 0 || g.distance[n] > g.distance[last])) last = n;
  }
  const id = g.nodeId[last];
  const text = await runCli(['path', file, '--id', String(id), '--k', '1']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`→ 40 × \`next\` through Listener +object Listener @${id} `));
  assert.doesNotMatch(text.stdout, /property `next`/);
  const json = await runCli(['path', file, '--id', String(id), '--k', '1', '--json']);
  const steps = (JSON.parse(json.stdout) as { paths: { steps: { edge: string; name: string }[] }[] }).paths[0].steps;
  assert.equal(steps.filter((s) => s.edge === 'next' && s.name === 'Listener').length, 40);
});
