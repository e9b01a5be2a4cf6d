import { select } from 'd3';
import { FindingPathStep } from '../src/protocol/finding';
import { collapsePath } from './collapsePath';

const WIDTH = 460;
const BOX_HEIGHT = 26;
const ROW = 66;
const MAX_LABEL = 58;

function shorten(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/**
 * The retainer path from the GC root down to the held object, top to bottom: nodes as boxes,
 * edges labelled in plain words, internal plumbing collapsed, the edge to cut highlighted.
 * All names are snapshot strings and go in with d3's .text().
 */
export function pathGraph(path: readonly FindingPathStep[], cutIndex: number | null): SVGSVGElement {
  const graph = collapsePath(path, cutIndex);
  const height = Math.max(1, graph.nodes.length) * ROW - (ROW - BOX_HEIGHT) + 8;
  const svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
    .attr('class', 'path-graph')
    .attr('viewBox', `0 0 ${WIDTH} ${height}`)
    .attr('width', WIDTH)
    .attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', `Retainer path of ${graph.nodes.length} objects`);
  svg.append('defs').append('marker')
    .attr('id', 'arrow').attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
    .attr('markerWidth', 8).attr('markerHeight', 8).attr('markerUnits', 'userSpaceOnUse').attr('orient', 'auto-start-reverse')
    .append('path').attr('d', 'M 0 0 L 10 5 L 0 10 z').attr('class', 'arrow-head');
  const cx = 36;
  const top = (i: number) => 4 + i * ROW;

  const edges = svg.append('g').attr('class', 'edges').selectAll('g').data(graph.edges).join('g')
    .attr('class', (e) => `edge${e.cut ? ' cut' : ''}${e.steps > 1 ? ' collapsed' : ''}`);
  edges.append('line')
    .attr('x1', cx).attr('x2', cx)
    .attr('y1', (_e, i) => top(i) + BOX_HEIGHT)
    .attr('y2', (_e, i) => top(i + 1) - 2)
    .attr('marker-end', 'url(#arrow)');
  edges.append('text')
    .attr('class', 'edge-label')
    .attr('x', cx + 12)
    .attr('y', (_e, i) => top(i) + BOX_HEIGHT + (ROW - BOX_HEIGHT) / 2 + 4)
    .text((e) => shorten(e.cut ? `✂ ${e.label} — cut here` : e.label))
    .append('title').text((e) => (e.hidden.length ? `${e.label}: ${e.hidden.join(' → ')}` : e.label));

  const nodes = svg.append('g').attr('class', 'nodes').selectAll('g').data(graph.nodes).join('g')
    .attr('class', (_n, i) => `node${i === 0 ? ' root' : ''}${i === graph.nodes.length - 1 ? ' target' : ''}`)
    .attr('transform', (_n, i) => `translate(8,${top(i)})`);
  nodes.append('rect').attr('width', WIDTH - 16).attr('height', BOX_HEIGHT).attr('rx', 4);
  nodes.append('text').attr('x', 10).attr('y', 17)
    .text((n, i) => shorten(i === 0 ? n.name : `${n.name} @${n.id}`))
    .append('title').text((n) => `${n.name} @${n.id}`);
  return svg.node()!;
}
