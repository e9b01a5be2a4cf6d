import { Finding, SourceLocation } from '../src/protocol/finding';
import { formatBytes } from '../src/protocol/format';
import { SeriesPoint } from '../src/protocol/webviewApi';
import { clear, el } from './element';
import { findingDetails } from './findingDetails';
import { growthChart } from './growthChart';
import { pathGraph } from './pathGraph';
import { sparkline } from './sparkline';

/**
 * Ranked findings on the left (kind, title, retained size, growth sparkline), the selected one on
 * the right: its retainer path as a graph and its details. The list is a keyboard listbox.
 */
export class FindingsPage {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly items: HTMLElement[] = [];
  private selected: number | null = null;

  constructor(
    private readonly series: readonly SeriesPoint[],
    private readonly findings: readonly Finding[],
    selected: number | null,
    private readonly onSelect: (index: number) => void,
    private readonly openSource: (location: SourceLocation) => void,
  ) {
    this.list = el('ol', {
      className: 'findings-list',
      attrs: { role: 'listbox', tabindex: '0', 'aria-label': 'Findings, most important first' },
    });
    findings.forEach((finding, i) => {
      const item = el('li', { className: 'finding', attrs: { role: 'option', id: `finding-${i}`, 'aria-selected': 'false', 'data-kind': finding.kind } }, [
        el('span', { className: 'rank', text: String(i + 1) }),
        el('span', { className: `kind kind-${finding.kind}`, text: finding.kind }),
        el('span', { className: 'title', text: finding.title, title: finding.title }),
        el('span', { className: 'size num', text: formatBytes(finding.retainedSize) }),
        sparkline(finding.series),
      ]);
      item.addEventListener('click', () => this.select(i, true));
      this.items.push(item);
      this.list.append(item);
    });
    this.list.addEventListener('keydown', (e) => this.onKey(e));
    this.chart = el('div', { className: 'chart' });
    this.detail = el('div', { className: 'finding-detail', attrs: { 'aria-live': 'polite' } });
    const left = el('div', { className: 'findings-left' }, [
      el('h2', { text: findings.length ? `${findings.length} findings` : 'No leaks found' }),
      this.list,
      el('h3', { text: 'Growth across the series' }),
      this.chart,
    ]);
    this.element = el('div', { className: 'findings-layout' }, [left, this.detail]);
    this.select(selected ?? (findings.length ? 0 : null), false);
  }

  private onKey(event: KeyboardEvent): void {
    const n = this.findings.length;
    if (n === 0) return;
    const s = this.selected ?? -1;
    const next = event.key === 'ArrowDown' ? s + 1 : event.key === 'ArrowUp' ? s - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? n - 1 : null;
    if (next === null) return;
    event.preventDefault();
    this.select(Math.max(0, Math.min(n - 1, next)), true);
  }

  select(index: number | null, byUser: boolean): void {
    this.selected = index;
    this.items.forEach((item, i) => {
      item.classList.toggle('selected', i === index);
      item.setAttribute('aria-selected', String(i === index));
    });
    if (index !== null) {
      this.list.setAttribute('aria-activedescendant', `finding-${index}`);
      this.items[index]?.scrollIntoView({ block: 'nearest' });
    }
    clear(this.detail);
    clear(this.chart);
    const finding = index === null ? undefined : this.findings[index];
    this.chart.append(growthChart(this.series, finding ? { label: finding.kind, values: finding.series } : null));
    if (finding) {
      const graph = el('div', { className: 'graph' }, [
        el('h3', { text: 'Why it is held: retainer path from the GC root' }),
        finding.path.length ? pathGraph(finding.path, finding.cutIndex) : el('p', { text: 'No retainer path.' }),
      ]);
      this.detail.append(el('div', { className: 'detail-row' }, [graph, findingDetails(finding, this.openSource)]));
    }
    if (byUser && index !== null) this.onSelect(index);
  }
}
