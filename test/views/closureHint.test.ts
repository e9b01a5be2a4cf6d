import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Finding } from '../../src/protocol/finding';
import { closureHint } from '../../src/views/closureHint';

function finding(over: Partial<Finding>): Finding {
  return {
    kind: 'long-lived-closure', title: 't', retainedSize: 22_900_000, growth: null, series: [1], count: 1, nodeIds: [], path: [], holderId: null,
    cutIndex: null, location: { url: 'file:///app/server.js', line: 27, column: 22 }, evidence: [], fix: '',
    details: { kind: 'closure', functionName: 'onDone', captured: [{ name: 'jobId', retainedSize: 0, usedBySource: true }, { name: 'big', retainedSize: 22_800_000, usedBySource: false }] },
    ...over,
  };
}

test('the CodeLens text names the size and the captured variable holding the most', () => {
  assert.deepEqual(closureHint(finding({})), { line: 27, text: 'this closure keeps 21.8 MiB alive via `big`' });
});

test('no hint for other kinds or without a location; no variable named when none is known', () => {
  assert.equal(closureHint(finding({ kind: 'pooled-buffer-slice' })), null);
  assert.equal(closureHint(finding({ location: null })), null);
  assert.equal(closureHint(finding({ details: null }))?.text, 'this closure keeps 21.8 MiB alive');
});
