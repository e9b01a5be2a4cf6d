import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { assertLeftAsItWas, killAllTargets, startTarget } from '../inspector/nodeTargets';
import { runCli } from './cliRun';
import type { AllocationSite } from '../../src/protocol/engineApi';
import type { AllocatedAt } from '../../src/protocol/finding';
import { sourceLine } from '../sourceLine';
import { tempDir } from '../tempDir';

const FIXTURE = join(__dirname, '..', 'fixtures', 'growingAllocationSite.js');
const tmp = tempDir('allocation-sites');
const dir = tmp.dir;
after(async () => {
  await killAllTargets();
  tmp.remove();
});
const lineOf = (pattern: RegExp): number => sourceLine(FIXTURE, pattern);


test('capture --count 3 --allocation-sites saves a profile per snapshot; analyze names the growing site by its line and on the finding', async () => {
  const target = await startTarget(`require(${JSON.stringify(FIXTURE)})`);
  await target.waitForLine('ready');
  const out = join(dir, 'series');
  const cap = await runCli(['capture', '--pid', String(target.pid), '--count', '3', '--interval', '1', '--allocation-sites', '--out', out, '--json'], 60_000);
  assert.equal(cap.code, 0, cap.stderr);
  assertLeftAsItWas(target);
  await target.kill();
  const names = readdirSync(out).sort();
  assert.equal(names.filter((n) => n.endsWith('.heapprofile')).length, 3);
  const snapshots = names.filter((n) => n.endsWith('.heapsnapshot')).map((n) => join(out, n));
  for (const s of snapshots) assert.ok(names.includes(s.slice(out.length + 1).replace(/\.heapsnapshot$/, '.heapprofile')));

  const [run, text] = await Promise.all([runCli(['analyze', ...snapshots, '--json'], 120_000), runCli(['analyze', ...snapshots], 120_000)]);
  assert.equal(run.code, 0, run.stderr);
  const json = JSON.parse(run.stdout) as { findings: { kind: string; allocatedAt?: AllocatedAt | null }[]; allocationSites: AllocationSite[] };
  // V8 samples physical frames: Session's constructor is either its own frame or inlined into admit().
  const expected = new Map([
    ['Session', lineOf(/constructor\(id\)/)],
    ['admit', lineOf(/^function admit\(/)],
  ]);
  const [top] = json.allocationSites;
  assert.ok(top, 'a growing site is reported');
  assert.equal(top.script, FIXTURE);
  assert.equal(top.line, expected.get(top.functionName), `${top.functionName} at line ${top.line}`);
  assert.ok(top.bytes.every((b, i) => i === 0 || b >= top.bytes[i - 1]) && top.growth >= 64 * 1024);
  // The churned garbage dies between snapshots: never reported as growing.
  assert.ok(!json.allocationSites.some((s) => s.functionName === 'churn'), JSON.stringify(json.allocationSites));
  const leak = json.findings.find((f) => f.kind === 'unbounded-collection');
  assert.ok(leak, 'the Map of sessions is found');
  assert.deepEqual(leak.allocatedAt, { script: top.script, line: top.line, column: top.column, functionName: top.functionName });

  assert.match(text.stdout, new RegExp(`allocated at .*growingAllocationSite\\.js:${top.line} in ${top.functionName}`));
  assert.match(text.stdout, /Allocation sites whose live sampled bytes grew at every snapshot:/);
});
