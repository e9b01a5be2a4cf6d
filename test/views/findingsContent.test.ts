import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsContent } from '../../src/views/findingsContent';
import type { Analysis } from '../../src/views/findingsStore';

const analysis: Analysis = { handles: ['s1', 's2'], series: [], findings: [], time: 0 };

test('the Findings panel: empty before any analysis (not loading), the findings after', () => {
  const cases: { name: string; analysis: Analysis | null; selected: number | null; kind: string; busy: boolean }[] = [
    { name: 'no analysis yet', analysis: null, selected: null, kind: 'empty', busy: false },
    { name: 'an analysis', analysis, selected: null, kind: 'findings', busy: false },
    { name: 'an analysis, one finding picked', analysis, selected: 2, kind: 'findings', busy: false },
  ];
  for (const c of cases) {
    const content = findingsContent(c.analysis, c.selected);
    assert.equal(content.kind, c.kind, c.name);
    assert.equal(content.kind === 'loading', c.busy, c.name);
    if (content.kind === 'empty') assert.equal(content.message, 'No analysis yet.');
    if (content.kind === 'findings') {
      assert.deepEqual(content.handles, ['s1', 's2'], c.name);
      assert.equal(content.selected, c.selected, c.name);
    }
  }
});
