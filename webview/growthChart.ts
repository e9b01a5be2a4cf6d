import { axisBottom, axisLeft, line, max, scaleLinear, scalePoint, select } from 'd3';
import { formatBytes } from '../src/protocol/format';
import { SeriesPoint } from '../src/protocol/webviewApi';

/**
 * Heap size across the series, with the selected finding's retained size under it when there is
 * one. Labels (file names) go through d3's .text(), never markup.
 */
export function growthChart(series: readonly SeriesPoint[], selected: { label: string; values: readonly number[] } | null): SVGSVGElement {
  const width = 420;
  const height = 160;
  // Room above the plot for the legend, one entry per row so a long label is never cut.
  const margin = { top: 44, right: 12, bottom: 28, left: 64 };
  const svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
    .attr('class', 'growth-chart')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', 'Heap growth across the series');
  const labels = series.map((p, i) => `${i + 1}`);
  const x = scalePoint<string>().domain(labels).range([margin.left, width - margin.right]).padding(0.2);
  const top = max([...series.map((p) => p.totalSize), ...(selected?.values ?? [])]) ?? 1;
  const y = scaleLinear().domain([0, Math.max(1, top)]).nice().range([height - margin.bottom, margin.top]);
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - margin.bottom})`).call(axisBottom(x));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(4).tickFormat((v) => formatBytes(Number(v))));
  const draw = (values: readonly number[], cls: string, name: string) => {
    const points = values.map((v, i) => [x(labels[i]) ?? 0, y(v)] as [number, number]);
    svg.append('path').attr('class', cls).attr('d', line()(points) ?? '');
    const g = svg.append('g').attr('class', `${cls}-points`);
    g.selectAll('circle').data(points).join('circle').attr('r', 3).attr('cx', (p) => p[0]).attr('cy', (p) => p[1])
      .append('title').text((_p, i) => `${name}, snapshot ${i + 1} (${series[i]?.label ?? ''}): ${formatBytes(values[i])}`);
  };
  draw(series.map((p) => p.totalSize), 'growth-total', 'heap');
  const withFinding = selected !== null && selected.values.length === series.length;
  if (withFinding) draw(selected.values, 'growth-finding', selected.label);
  // The legend names each line; a line the chart does not draw gets no entry.
  const entries: [string, string][] = [['growth-total', 'Heap (all objects)']];
  if (withFinding) entries.push(['growth-finding', `Retained by this finding (${selected.label})`]);
  const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(${margin.left},10)`);
  entries.forEach(([cls, text], i) => {
    const item = legend.append('g').attr('class', 'legend-item').attr('transform', `translate(0,${i * 15})`);
    item.append('line').attr('class', cls).attr('x1', 0).attr('x2', 18).attr('y1', 0).attr('y2', 0);
    item.append('text').attr('x', 24).attr('y', 4).text(text);
  });
  return svg.node()!;
}
