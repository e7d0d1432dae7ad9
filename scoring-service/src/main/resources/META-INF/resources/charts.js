// Inline SVG: the trend of both scores and the bars of the contributions. No chart library.

const SVG = 'http://www.w3.org/2000/svg';

function svg(name, attributes = {}, children = []) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  for (const child of children) element.append(child);
  return element;
}

const WIDTH = 320;
const HEIGHT = 96;
const PAD = { top: 6, right: 6, bottom: 6, left: 24 };

/**
 * Cohesion and risk over time on a fixed 0..100 scale (so two alliances compare at a glance).
 * points: [{at: epoch ms, cohesion, risk}], oldest first.
 */
export function trendChart(points, label) {
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'trend',
    role: 'img',
    'aria-label': label,
  });
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const y = (value) => PAD.top + plotHeight * (1 - value / 100);
  for (const level of [0, 50, 100]) {
    chart.append(
      svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(level), y2: y(level), class: 'grid' }),
      svg('text', { x: PAD.left - 4, y: y(level) + 3, class: 'axis' }, [String(level)]),
    );
  }
  if (points.length === 0) return chart;
  const first = points[0].at;
  const span = Math.max(1, points[points.length - 1].at - first);
  const x = (at) =>
    points.length === 1 ? WIDTH - PAD.right : PAD.left + (plotWidth * (at - first)) / span;
  for (const metric of ['cohesion', 'risk']) {
    const path = points
      .map((point, index) => `${index ? 'L' : 'M'}${x(point.at).toFixed(1)},${y(point[metric]).toFixed(1)}`)
      .join('');
    const last = points[points.length - 1];
    chart.append(
      svg('path', { d: path, class: `line ${metric}` }),
      svg('circle', { cx: x(last.at), cy: y(last[metric]), r: 2.5, class: `dot ${metric}` }),
    );
  }
  return chart;
}

/**
 * One bar of a contribution, drawn from the middle: left for a term that lowers the score, right
 * for one that raises it. scale: the magnitude that fills half the width; tone: good or bad.
 */
export function contributionBar(value, scale, tone) {
  const half = 50;
  const length = Math.min(half, (Math.abs(value) / scale) * half);
  const bar = svg('svg', {
    viewBox: '0 0 100 10',
    preserveAspectRatio: 'none',
    class: 'bar',
    'aria-hidden': 'true',
  });
  bar.append(
    svg('line', { x1: half, x2: half, y1: 0, y2: 10, class: 'axis-line' }),
    svg('rect', {
      x: value < 0 ? half - length : half,
      y: 1.5,
      width: Math.max(length, 0.6),
      height: 7,
      class: tone,
    }),
  );
  return bar;
}

/** A 0..100 gauge under a big number. */
export function gauge(value, metric) {
  const meter = svg('svg', {
    viewBox: '0 0 100 6',
    preserveAspectRatio: 'none',
    class: `gauge ${metric}`,
    'aria-hidden': 'true',
  });
  meter.append(
    svg('rect', { x: 0, y: 0, width: 100, height: 6, rx: 3, class: 'track' }),
    svg('rect', { x: 0, y: 0, width: Math.max(0, Math.min(100, value)), height: 6, rx: 3, class: 'fill' }),
  );
  return meter;
}
