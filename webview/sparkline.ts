import { extent, line, scaleLinear, select } from 'd3';

/** A small SVG line of a series (e.g. retained bytes per snapshot), for the findings list. */
export function sparkline(values: readonly number[], width = 80, height = 18): SVGSVGElement {
  const svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
    .attr('class', 'sparkline')
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img');
  const [lo = 0, hi = 0] = extent(values);
  const x = scaleLinear().domain([0, Math.max(1, values.length - 1)]).range([2, width - 2]);
  const y = scaleLinear().domain([Math.min(0, lo), Math.max(hi, 1)]).range([height - 2, 2]);
  const points = values.map((v, i) => [x(i), y(v)] as [number, number]);
  svg.append('path').attr('class', 'spark-line').attr('d', line()(points) ?? '');
  svg.selectAll('circle').data(points.slice(-1)).join('circle').attr('class', 'spark-dot').attr('r', 2)
    .attr('cx', (p) => p[0]).attr('cy', (p) => p[1]);
  svg.append('title').text(values.length > 1 ? `growth over ${values.length} snapshots` : 'one snapshot');
  return svg.node()!;
}
