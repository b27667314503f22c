/**
 * Charts drawn as inline SVG. Each chart is a `<figure>` whose SVG has `role="img"`, a
 * `<title>` and a `<desc>` that says in words what the chart shows, and a data table
 * (in a `<details>`) with every number, so nothing is available only as a picture.
 * Colour is never the only cue: failures are hatched, and every bar and point is labelled.
 */
import { h, svg, table, uniqueId } from './dom.js';
import { count, percent } from './format.js';

/** One point of the pass-rate chart: a day and how many messages passed DMARC that day. */
export interface RatePoint {
  label: string;
  passed: number;
  total: number;
}

const WIDTH = 640;

function rate(p: { passed: number; total: number }): number {
  return p.total > 0 ? p.passed / p.total : 0;
}

function frame(title: string, description: string, height: number): SVGSVGElement {
  const titleId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  return svg(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      class: 'chart',
      preserveAspectRatio: 'xMidYMid meet',
    },
    svg('title', { id: titleId }, title),
    svg('desc', { id: descId }, description),
  );
}

function dataTable(caption: string, head: string[], rows: (string | number)[][]): HTMLElement {
  return h(
    'details',
    { class: 'chart-data' },
    h(
      'summary',
      {},
      'Show the data as a table',
      h('span', { class: 'visually-hidden' }, `: ${caption}`),
    ),
    table(
      {},
      caption,
      head,
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))),
        ),
      ),
    ),
  );
}

/** Says in one or two sentences what the pass-rate chart shows. */
export function describePassRates(points: RatePoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 'No messages were reported.';
  if (points.length === 1)
    return `${percent(rate(first))} of ${count(first.total)} messages passed DMARC on ${first.label}.`;
  let lowest = first;
  for (const p of points) if (rate(p) < rate(lowest)) lowest = p;
  return (
    `DMARC pass rate per day over ${points.length} days, from ${percent(rate(first))} on ${first.label} ` +
    `to ${percent(rate(last))} on ${last.label}; lowest ${percent(rate(lowest))} on ${lowest.label}.`
  );
}

/** A line chart of the DMARC pass rate per day, 0 to 100 %. */
export function passRateChart(points: RatePoint[], title: string): HTMLElement {
  const height = 260;
  const m = { top: 20, right: 24, bottom: 48, left: 52 };
  const plotW = WIDTH - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const x = (i: number): number =>
    m.left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (r: number): number => m.top + plotH * (1 - r);
  const description = describePassRates(points);
  const chart = frame(title, description, height);

  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    chart.append(
      svg('line', { class: 'grid', x1: m.left, x2: WIDTH - m.right, y1: y(tick), y2: y(tick) }),
      svg(
        'text',
        { class: 'axis', x: m.left - 8, y: y(tick) + 4, 'text-anchor': 'end' },
        percent(tick),
      ),
    );
  }
  // At most eight date labels, evenly spread, always the first and the last.
  const step = Math.max(1, Math.ceil(points.length / 8));
  points.forEach((p, i) => {
    if (i % step !== 0 && i !== points.length - 1) return;
    chart.append(
      svg(
        'text',
        {
          class: 'axis',
          x: x(i),
          y: height - m.bottom + 20,
          // The first and last labels stay inside the chart.
          'text-anchor':
            points.length > 1 && i === 0
              ? 'start'
              : points.length > 1 && i === points.length - 1
                ? 'end'
                : 'middle',
        },
        p.label,
      ),
    );
  });
  chart.append(
    svg(
      'text',
      {
        class: 'axis-title',
        x: 14,
        y: m.top + plotH / 2,
        transform: `rotate(-90 14 ${m.top + plotH / 2})`,
        'text-anchor': 'middle',
      },
      'passed DMARC',
    ),
  );
  if (points.length > 1) {
    const line = points.map((p, i) => `${x(i).toFixed(1)},${y(rate(p)).toFixed(1)}`).join(' ');
    chart.append(svg('polyline', { class: 'rate-line', points: line, fill: 'none' }));
  }
  const labelled = points.length <= 14;
  points.forEach((p, i) => {
    const text = `${p.label}: ${percent(rate(p))} of ${count(p.total)} messages passed`;
    chart.append(
      svg(
        'g',
        { class: 'rate-point' },
        svg('circle', { cx: x(i), cy: y(rate(p)), r: 5 }, svg('title', {}, text)),
        labelled &&
          svg(
            'text',
            {
              class: 'value',
              x: x(i),
              y: y(rate(p)) + (rate(p) > 0.85 ? 18 : -10),
              'text-anchor': 'middle',
            },
            percent(rate(p)),
          ),
      ),
    );
  });

  return h(
    'figure',
    { class: 'chart-figure', 'data-chart': 'pass-rate' },
    h('figcaption', {}, title),
    chart,
    dataTable(
      title,
      ['Day', 'Messages', 'Passed DMARC', 'Pass rate'],
      points.map((p) => [p.label, count(p.total), count(p.passed), percent(rate(p))]),
    ),
  );
}

/** One bar of the sources chart: a sending IP address and its messages. */
export interface SourceBar {
  label: string;
  passed: number;
  failed: number;
  /** The classification, written next to the bar. */
  note: string;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Says in words what the sources chart shows. */
export function describeSources(bars: SourceBar[]): string {
  if (bars.length === 0) return 'No sending sources were reported.';
  const parts = bars
    .slice(0, 3)
    .map(
      (b) =>
        `${b.label} sent ${count(b.passed + b.failed)} (${percent(rate({ passed: b.passed, total: b.passed + b.failed }))} passed, ${b.note})`,
    );
  return `Top ${bars.length} sending sources by message count. ${parts.join('; ')}.`;
}

/**
 * Horizontal stacked bars, one per source: messages that passed DMARC (solid) and that
 * failed (hatched), with the count, the pass rate and the classification written out.
 */
export function sourcesChart(bars: SourceBar[], title: string): HTMLElement {
  const row = 30;
  const m = { top: 28, right: 16, bottom: 12, left: 170 };
  const height = m.top + m.bottom + row * Math.max(1, bars.length);
  const plotW = WIDTH - m.left - m.right - 190;
  const max = Math.max(1, ...bars.map((b) => b.passed + b.failed));
  const patternId = uniqueId('hatch');
  const chart = frame(title, describeSources(bars), height);
  chart.append(
    svg(
      'defs',
      {},
      svg(
        'pattern',
        {
          id: patternId,
          width: 6,
          height: 6,
          patternUnits: 'userSpaceOnUse',
          patternTransform: 'rotate(45)',
        },
        svg('rect', { width: 6, height: 6, class: 'fail-bg' }),
        svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'fail-stroke' }),
      ),
    ),
    // Legend.
    svg('rect', { x: m.left, y: 6, width: 12, height: 12, class: 'pass-fill' }),
    svg('text', { class: 'axis', x: m.left + 18, y: 16 }, 'passed DMARC'),
    svg('rect', { x: m.left + 130, y: 6, width: 12, height: 12, fill: `url(#${patternId})` }),
    svg('text', { class: 'axis', x: m.left + 148, y: 16 }, 'failed DMARC'),
  );
  bars.forEach((b, i) => {
    const top = m.top + i * row;
    const total = b.passed + b.failed;
    const wPass = (b.passed / max) * plotW;
    const wFail = (b.failed / max) * plotW;
    const summary = `${b.label}: ${count(total)} messages, ${percent(rate({ passed: b.passed, total }))} passed, ${b.note}`;
    chart.append(
      svg(
        'g',
        { class: 'source-bar' },
        svg('title', {}, summary),
        svg(
          'text',
          { class: 'label', x: m.left - 8, y: top + 17, 'text-anchor': 'end' },
          truncate(b.label, 24),
        ),
        svg('rect', {
          x: m.left,
          y: top + 4,
          width: wPass.toFixed(1),
          height: row - 10,
          class: 'pass-fill',
        }),
        svg('rect', {
          x: (m.left + wPass).toFixed(1),
          y: top + 4,
          width: wFail.toFixed(1),
          height: row - 10,
          fill: `url(#${patternId})`,
        }),
        svg(
          'text',
          { class: 'value', x: m.left + wPass + wFail + 6, y: top + 17 },
          `${count(total)} · ${percent(rate({ passed: b.passed, total }))} · ${truncate(b.note, 22)}`,
        ),
      ),
    );
  });
  return h(
    'figure',
    { class: 'chart-figure', 'data-chart': 'sources' },
    h('figcaption', {}, title),
    chart,
    dataTable(
      title,
      ['Source', 'Messages', 'Passed DMARC', 'Pass rate', 'Classification'],
      bars.map((b) => [
        b.label,
        count(b.passed + b.failed),
        count(b.passed),
        percent(rate({ passed: b.passed, total: b.passed + b.failed })),
        b.note,
      ]),
    ),
  );
}
