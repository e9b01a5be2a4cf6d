import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InspectorError, PreflightRefusal, Preflight } from '../../src/inspector/inspector';
import { retryForced } from '../../src/views/commands/retryForced';

const preflight = {
  estimatedBytes: 2.9e9, availableBytes: 1.6e9, limitSource: 'cgroup-v2', limitPath: '/sys/fs/cgroup/app/memory.max', fits: false,
} as unknown as Preflight;
const refusal = () => new PreflightRefusal(preflight, 4242);

for (const { name, failures, startForced, answer, runs, asked, outcome } of [
  { name: 'refused after the confirmation, "Capture anyway": runs again forced', failures: [refusal()], startForced: false, answer: true, runs: [false, true], asked: 1, outcome: 'ok' },
  { name: 'refused, the user says no: the refusal is thrown as it came', failures: [refusal()], startForced: false, answer: false, runs: [false], asked: 1, outcome: 'ENOROOM' },
  { name: 'already forced: never asks again', failures: [refusal()], startForced: true, answer: true, runs: [true], asked: 0, outcome: 'ENOROOM' },
  { name: 'another failure: thrown without asking', failures: [new InspectorError('ETIMEDOUT', 'stalled')], startForced: false, answer: true, runs: [false], asked: 0, outcome: 'ETIMEDOUT' },
  { name: 'no failure: runs once, unforced', failures: [], startForced: false, answer: true, runs: [false], asked: 0, outcome: 'ok' },
  { name: 'the forced run fails too: that failure is thrown', failures: [refusal(), new InspectorError('EEXITED', 'gone')], startForced: false, answer: true, runs: [false, true], asked: 1, outcome: 'EEXITED' },
]) {
  test(`retryForced: ${name}`, async () => {
    const seen: boolean[] = [];
    let questions = 0;
    const pending = [...failures];
    const run = async (force: boolean) => {
      seen.push(force);
      const failure = pending.shift();
      if (failure) throw failure;
      return 'ok';
    };
    const result = await retryForced(run, async (r) => {
      questions++;
      assert.match(r.message, /needs about [\d.]+ Gi?B more/);
      return answer;
    }, startForced).catch((e: InspectorError) => e.code);
    assert.equal(result, outcome);
    assert.deepEqual(seen, runs);
    assert.equal(questions, asked);
  });
}
