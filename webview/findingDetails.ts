import { Finding, SourceLocation } from '../src/protocol/finding';
import { formatBytes, formatCount } from '../src/protocol/format';
import { el } from './element';
import { allocationStackList } from './allocationStackList';

/**
 * The facts beside the path graph: for a closure its function, captured variables and a link
 * to the source line; for a buffer the backing store, views and live bytes. Text only.
 */
export function findingDetails(finding: Finding, openSource: (location: SourceLocation) => void): HTMLElement {
  const box = el('section', { className: 'details', attrs: { 'aria-label': 'Finding details' } });
  box.append(
    el('h3', { text: finding.title }),
    facts([
      ['Kind', finding.kind],
      ['Retained', formatBytes(finding.retainedSize)],
      ['Objects', formatCount(finding.count)],
      ['Growth', finding.growth === null ? '–' : `${formatBytes(finding.growth)} per snapshot`],
    ]),
  );
  const d = finding.details;
  if (d?.kind === 'closure') {
    box.append(facts([['Function', d.functionName || '(anonymous)']]));
    const table = el('table', { className: 'captured' }, [
      el('thead', {}, [el('tr', {}, [el('th', { text: 'Captured variable' }), el('th', { text: 'Retained' }), el('th', { text: 'Used by the function' })])]),
    ]);
    const body = el('tbody');
    for (const c of d.captured) {
      body.append(el('tr', {}, [
        el('td', { className: 'mono', text: c.name }),
        el('td', { className: 'num', text: formatBytes(c.retainedSize) }),
        el('td', { text: c.usedBySource === null ? 'unknown' : c.usedBySource ? 'yes' : 'no' }),
      ]));
    }
    table.append(body);
    box.append(table);
  } else if (d?.kind === 'buffer') {
    box.append(facts([
      ['Backing store', formatBytes(d.backingStoreSize)],
      ['Views', formatCount(d.views)],
      ['Live bytes used', d.liveBytesUsed === null ? 'not confirmed' : formatBytes(d.liveBytesUsed)],
    ]));
  }
  const location = finding.location;
  if (location) {
    const link = el('button', {
      className: 'link source-link',
      text: `${location.url.replace(/^file:\/\//, '')}:${location.line}:${location.column}`,
      title: 'Open the source file at this line',
    });
    link.addEventListener('click', () => openSource(location));
    box.append(el('p', { className: 'source' }, [el('span', { text: 'Source: ' }), link]));
    // Where V8 ran it, when the source map moved it; or why there was no map to follow.
    const g = finding.generatedLocation;
    if (finding.sourceMap?.mapped && g) {
      box.append(el('p', { className: 'source-map meta', text: `compiled: ${g.url.replace(/^file:\/\//, '')}:${g.line}:${g.column}` }));
    } else if (finding.sourceMap && !finding.sourceMap.mapped) {
      box.append(el('p', { className: 'source-map meta', text: `No source map: ${finding.sourceMap.reason}` }));
    }
  }
  const allocated = finding.allocatedAt;
  if (allocated) {
    const at: SourceLocation = { url: allocated.script, line: allocated.line, column: allocated.column };
    const link = el('button', {
      className: 'link allocation-link',
      text: `${allocated.script.replace(/^file:\/\//, '')}:${allocated.line} in ${allocated.functionName || '(anonymous)'}`,
      title: finding.allocationStack ? 'Open the function that allocated these objects' : 'Open the function whose sampled allocations grew',
    });
    link.addEventListener('click', () => openSource(at));
    box.append(el('p', { className: 'source' }, [el('span', { text: 'Allocated at: ' }), link]));
  }
  if (finding.allocationStack && finding.allocationStack.length > 0) {
    box.append(el('h4', { text: 'Allocation stack' }), allocationStackList(finding.allocationStack, openSource));
  }
  if (finding.evidence.length) {
    box.append(el('h4', { text: 'Evidence' }), el('ul', { className: 'evidence' }, finding.evidence.map((e) => el('li', { text: e }))));
  }
  if (finding.fix) box.append(el('h4', { text: 'Fix' }), el('p', { className: 'fix', text: finding.fix }));
  return box;
}

function facts(rows: [string, string][]): HTMLElement {
  const dl = el('dl', { className: 'facts' });
  for (const [k, v] of rows) dl.append(el('dt', { text: k }), el('dd', { text: v }));
  return dl;
}
