import { axisBottom, axisLeft, line, max, scaleLinear, scaleTime, select } from 'd3';
import { formatBytes } from '../src/protocol/format';
import { LIVE_FIGURES, LIVE_WINDOW_MS, LiveContent } from '../src/protocol/liveContent';
import { el } from './element';

/**
 * The Live Memory page: the target's memoryUsage() over the last ten minutes, one line per figure
 * with a legend naming each, and every capture marked by a vertical rule with its label. Labels go
 * through .text(), never markup. Redrawn whole on each sample (once a second, ≤ 600 points a line).
 */
export function livePage(title: string, live: LiveContent): HTMLElement {
  const last = live.samples[live.samples.length - 1];
  const auto = live.autoCapture;
  const header = el('header', { className: 'page-header' }, [
    el('h2', { text: title }),
    el('span', {
      className: 'meta',
      text: live.pid === null ? 'not attached' : `pid ${live.pid} · ${live.samples.length} samples · ${last ? new Date(last.time).toLocaleTimeString() : 'waiting'}`,
    }),
  ]);
  const legend = el(
    'ul',
    { className: 'live-legend' },
    LIVE_FIGURES.map(([key, name], i) =>
      el('li', { className: `live-key live-line-${i}` }, [el('span', { className: 'swatch' }), el('span', { text: `${name} ${last ? formatBytes(last[key]) : ''}` })]),
    ),
  );
  const autoText = auto.enabled
    ? `Auto-capture on: a series when heap + external stay ${formatBytes(auto.growBytes)} above their low for ${auto.windowSeconds} s (cooldown ${auto.cooldownSeconds} s)`
    : 'Auto-capture off (Targets view or setting heapscope.autoCapture.enabled)';
  return el('div', { className: 'live-page' }, [
    header,
    legend,
    chart(live),
    el('p', { className: `status live-auto${auto.enabled ? ' on' : ''}`, text: autoText }),
    el('p', { className: 'status live-status', text: live.status }),
  ]);
}

/** Samples come once a second; more than this between two means sampling stopped in between. */
const GAP_MS = 3500;

function chart(live: LiveContent): SVGSVGElement {
  const width = 720;
  const height = 260;
  const margin = { top: 14, right: 16, bottom: 28, left: 72 };
  const end = live.samples.length > 0 ? live.samples[live.samples.length - 1].time : Date.now();
  // The axis spans what has been sampled, up to the ten minutes kept, so the first minute is readable.
  const start = Math.max(end - LIVE_WINDOW_MS, Math.min(live.samples[0]?.time ?? end, end - 30_000));
  const x = scaleTime().domain([start, end]).range([margin.left, width - margin.right]);
  const top = max(live.samples, (s) => Math.max(s.heapUsed, s.heapTotal, s.external, s.arrayBuffers, s.rss)) ?? 1;
  const y = scaleLinear().domain([0, Math.max(1, top)]).nice().range([height - margin.bottom, margin.top]);
  const svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
    .attr('class', 'live-chart')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', 'Memory of the attached process over the last ten minutes');
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - margin.bottom})`).call(axisBottom(x).ticks(6));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(5).tickFormat((v) => formatBytes(Number(v))));
  // A pause in sampling (a capture, a busy target) breaks the lines rather than drawing a slope over it.
  const gapAfter = live.samples.map((s, i) => i + 1 < live.samples.length && live.samples[i + 1].time - s.time > GAP_MS);
  LIVE_FIGURES.forEach(([key, name], i) => {
    const points: ([number, number] | null)[] = [];
    live.samples.forEach((s, j) => {
      points.push([x(s.time), y(s[key])]);
      if (gapAfter[j]) points.push(null);
    });
    const path = line<[number, number] | null>().defined((p) => p !== null).x((p) => p![0]).y((p) => p![1]);
    svg.append('path').attr('class', `live-line live-line-${i}`).attr('data-figure', key).attr('d', path(points) ?? '').append('title').text(name);
  });
  const marks = svg.append('g').attr('class', 'live-captures');
  for (const c of live.captures) {
    if (c.time < start) continue;
    const at = x(c.time);
    const g = marks.append('g').attr('class', 'live-capture');
    g.append('line').attr('x1', at).attr('x2', at).attr('y1', margin.top).attr('y2', height - margin.bottom);
    // Labels near the right edge go to the left of their rule, so they stay inside the chart.
    const left = at > width / 2;
    g.append('text').attr('x', left ? at - 3 : at + 3).attr('y', margin.top + 10).attr('text-anchor', left ? 'end' : 'start').text(c.label);
    g.append('title').text(`${c.label} at ${new Date(c.time).toLocaleTimeString()}`);
  }
  return svg.node()!;
}
