import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { assertLeftAsItWas, killAllTargets, startTarget } from '../inspector/nodeTargets';
import { ensureNodeBinary } from '../nodeBinaries';
import { runCli } from './cliRun';
import { sourceLine } from '../sourceLine';
import { tempDir } from '../tempDir';

const FIXTURE = join(__dirname, '..', 'fixtures', 'growingAllocationSite.js');
const tmp = tempDir('allocation-stacks');
const dir = tmp.dir;
after(async () => {
  await killAllTargets();
  tmp.remove();
});

const lineOf = (pattern: RegExp): number => sourceLine(FIXTURE, pattern);

interface FrameJson {
  functionName: string;
  script: string;
  line: number;
  column: number;
}

for (const major of [20, 26]) {
  test(`Node ${major}: capture --track-allocations; analyze names the exact allocation stack of the Map's entries`, async () => {
    const node = major === 20 ? process.execPath : ensureNodeBinary(major);
    const target = await startTarget(`require(${JSON.stringify(FIXTURE)})`, [], node);
    await target.waitForLine('ready');
    const out = join(dir, `node${major}`);
    const cap = await runCli(['capture', '--pid', String(target.pid), '--count', '3', '--interval', '1', '--track-allocations', '--out', out, '--json'], 90_000);
    assert.equal(cap.code, 0, cap.stderr);
    assertLeftAsItWas(target);
    await target.kill();
    const snapshots = readdirSync(out).filter((n) => n.endsWith('.heapsnapshot')).sort().map((n) => join(out, n));
    assert.equal(snapshots.length, 3);

    const [run, text] = await Promise.all([runCli(['analyze', ...snapshots, '--json'], 120_000), runCli(['analyze', ...snapshots], 120_000)]);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { findings: { kind: string; title: string; allocatedAt?: FrameJson | null; allocationStack?: FrameJson[] }[] };
    const leak = json.findings.find((f) => f.kind === 'unbounded-collection' && /sessions/.test(f.title));
    assert.ok(leak, 'the Map of sessions is found');
    const stack = leak.allocationStack ?? [];
    // The entries are made in Session's constructor, called by admit(), called by the timer's arrow
    // function. V8 records physical frames: a function the optimiser inlined into its caller is
    // not on the stack, so the fixture's frames are that chain with any inner part left out, and
    // always end in the arrow function. Lines come from the fixture's own text.
    const chain = [
      { functionName: 'Session', line: lineOf(/constructor\(id\)/) },
      { functionName: 'admit', line: lineOf(/^function admit\(/) },
      { functionName: '', line: lineOf(/^setInterval\(/) },
    ];
    const first = stack.findIndex((f) => f.script === FIXTURE);
    assert.ok(first >= 0, JSON.stringify(stack));
    const ours = stack.filter((f) => f.script === FIXTURE).map(({ functionName, line }) => ({ functionName, line }));
    assert.deepEqual(ours, chain.slice(chain.length - ours.length), JSON.stringify(stack));
    assert.ok(stack.slice(first, first + ours.length).every((f) => f.script === FIXTURE), 'the fixture\'s frames are contiguous');
    assert.ok(stack.every((f) => f.line >= 0 && f.column >= 0));
    assert.ok(stack.some((f) => f.script.startsWith('node:internal/timers')), 'the timer frames below the user code are on the stack');
    assert.deepEqual(leak.allocatedAt, stack[first]);

    const name = stack[first].functionName || '\\(anonymous\\)';
    assert.match(text.stdout, new RegExp(`allocated at .*growingAllocationSite\\.js:${stack[first].line} in ${name}`));
    assert.match(text.stdout, new RegExp(`allocation stack \\(trackAllocations\\), innermost first:\\n(     .*\\n)*     ${name} .*growingAllocationSite\\.js:${stack[first].line}:\\d+\\n`));
    assert.match(text.stdout, /Of the [\d,]+ objects its holder keeps that were allocated while trackAllocations was on, [\d,]+ were allocated on one stack: /);
  });
}
