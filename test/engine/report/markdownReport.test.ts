import assert from 'node:assert/strict';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { buildLeakReport } from '../../../src/engine/report/leakReport';
import { markdownReport } from '../../../src/engine/report/markdownReport';
import { markdownText } from '../../../src/engine/report/markdownText';
import { sparkline } from '../../../src/engine/report/sparkline';
import { SESSION_CACHE_PATH, makeFinding } from './reportFindings';

// An independent Markdown renderer (CommonMark with GFM tables), with raw HTML allowed as GitHub
// allows some: whatever the snapshot strings say, no element of theirs may come out.
const md = new MarkdownIt({ html: true, linkify: true });

const hostile = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '[click](https://evil.example)',
  '| broken | table |',
  '`code` with ``` fences and <b>bold</b>',
  '**bold** _em_ # heading\nnew line\u001b[31m',
  '@someone :tada: $x^2$ https://evil.example',
];

/** The report of one finding whose title, fix, evidence and path all say `text`, rendered to HTML. */
function rendered(text: string): string {
  const f = makeFinding('unbounded-collection', [['root', '(GC roots)', '(GC roots)'], ['property', text, text]], { title: text, fix: text, evidence: [text] });
  return md.render(markdownReport(buildLeakReport({ snapshots: [], findings: [f], baseline: null, failOn: null })));
}

/** Every element the HTML opens, counted by tag name; code spans (text in backticks stays code, and literal) aside. */
function tags(html: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of html.matchAll(/<([a-z][a-z0-9]*)/gi)) if (m[1] !== 'code') counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  return counts;
}

test('snapshot strings never become HTML, links, emphasis, headings or table cells', () => {
  const reference = tags(rendered('plain'));
  for (const text of hostile) assert.deepEqual(tags(rendered(text)), reference, text);
});

test('detector names in backticks stay code spans; the rest reads as plain text', () => {
  assert.equal(md.renderInline(markdownText('Map `sessionCache` grows: 300 entries (+100 per snapshot)')), 'Map <code>sessionCache</code> grows: 300 entries (+100 per snapshot)');
  assert.equal(md.renderInline(markdownText('a|b', true)), 'a|b');
});

test('sparklines scale from the smallest to the largest value', () => {
  assert.equal(sparkline([56, 112, 171]), '▁▄█');
  assert.equal(sparkline([5, 5, 5]), '▁▁▁');
  assert.equal(sparkline([3, 2, 1, 0]), '█▆▃▁');
  assert.equal(sparkline([]), '');
});

test('with a baseline the table has a status column and FIXED entries are listed', () => {
  const known = makeFinding('unbounded-collection', SESSION_CACHE_PATH);
  const fresh = makeFinding('listener-leak', SESSION_CACHE_PATH);
  const first = buildLeakReport({ snapshots: [], findings: [known], baseline: null, failOn: null });
  const gone = { fingerprint: 'ffffffffffffffff', kind: 'timer-leak' as const, key: 'timer-leak: x', title: 'an old timer leak' };
  const baseline = { heapscopeBaseline: 1 as const, findings: [{ ...gone }, { fingerprint: first.findings[0].fingerprint, kind: known.kind, key: '', title: '' }] };
  const report = buildLeakReport({ snapshots: [], findings: [known, fresh], baseline, failOn: 'any' });
  assert.deepEqual(report.findings.map((f) => f.status), ['known', 'new']);
  assert.deepEqual(report.gate, { failOn: 'any', failed: true, failing: 1 });
  const html = md.render(markdownReport(report));
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => m[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
  assert.match(rows[0], /^1 KNOWN unbounded-collection /);
  assert.match(rows[1], /^2 NEW listener-leak /);
  assert.match(html, /<h3>Fixed since the baseline \(1\)<\/h3>/);
  assert.match(html, /<strong>FIXED<\/strong> <code>timer-leak<\/code> an old timer leak/);
});
