/** Renders the summary of the dropped aggregate reports: totals, charts, sources, fixes. */
import { passRateChart, type RatePoint, sourcesChart } from './charts.js';
import { h, table } from './dom.js';
import { count, day, percent, plural } from './format.js';

/** One sending source, with what the library says it is. */
export interface SourceView {
  ip: string;
  messages: number;
  passed: number;
  /** The main `RecordCategory` of its records (by messages). */
  category: string;
  /** That category in words: "passing", "spoofing", "your sender, not set up", ... */
  classification: string;
  /** One sentence explaining the classification, or what to do. */
  detail?: string;
  /** Header-From domains this source sent for. */
  domains: string[];
}

/** Everything the reports panel shows, computed from the parsed reports. */
export interface ReportsView {
  reports: number;
  messages: number;
  passed: number;
  domains: string[];
  begin?: Date;
  end?: Date;
  daily: RatePoint[];
  sources: SourceView[];
  /** What to fix before moving to p=reject, most important first. */
  fixes: string[];
  /** Failing mail that looks like spoofing: what p=reject stops. */
  spoofing: { messages: number; sources: string[] };
  reporters: { orgName: string; reports: number; messages: number }[];
}

/** A file that could not be read as a report, and why. */
export interface FileFailure {
  name: string;
  message: string;
}

const TOP_SOURCES = 10;

function totals(view: ReportsView): HTMLElement {
  const item = (label: string, value: string, id: string): HTMLElement =>
    h('div', {}, h('dt', {}, label), h('dd', { id }, value));
  return h(
    'dl',
    { class: 'totals' },
    item('Reports', count(view.reports), 'total-reports'),
    item('Messages', count(view.messages), 'total-messages'),
    item(
      'Passed DMARC',
      view.messages > 0 ? percent(view.passed / view.messages) : '–',
      'total-pass-rate',
    ),
    item('Failed DMARC', count(view.messages - view.passed), 'total-failed'),
  );
}

function sourcesTable(sources: SourceView[]): HTMLElement {
  return table(
    { id: 'sources-table' },
    `Top ${plural(sources.length, 'source')} by messages, with their classification`,
    [
      'Source IP',
      { label: 'Messages', class: 'num' },
      { label: 'Passed', class: 'num' },
      'Classification',
      'Sent as',
    ],
    sources.map((s) =>
      h(
        'tr',
        { 'data-source': s.ip, 'data-category': s.category },
        h('th', { scope: 'row' }, h('span', { class: 'mono' }, s.ip)),
        h('td', { class: 'num' }, count(s.messages)),
        h('td', { class: 'num' }, s.messages > 0 ? percent(s.passed / s.messages) : '–'),
        h(
          'td',
          { class: 'classification' },
          h('strong', {}, s.classification),
          s.detail !== undefined && h('div', { class: 'hint' }, s.detail),
        ),
        h('td', {}, s.domains.join(', ')),
      ),
    ),
  );
}

function failuresList(failures: FileFailure[]): HTMLElement | false {
  if (failures.length === 0) return false;
  return h(
    'div',
    { class: 'panel', id: 'report-failures' },
    h('h4', {}, `${plural(failures.length, 'file')} could not be read`),
    h(
      'ul',
      {},
      failures.map((f) => h('li', {}, h('span', { class: 'mono' }, f.name), `: ${f.message}`)),
    ),
  );
}

/** The reports panel; `failures` lists the files that were not reports. */
export function renderReports(view: ReportsView, failures: FileFailure[]): HTMLElement {
  const period =
    view.begin && view.end ? `${day(view.begin)} to ${day(view.end)}` : 'an unknown period';
  const top = view.sources.slice(0, TOP_SOURCES);
  return h(
    'article',
    { class: 'reports-summary', 'aria-labelledby': 'summary-heading' },
    h('h3', { id: 'summary-heading' }, 'Summary'),
    h(
      'p',
      { id: 'summary-sentence' },
      `${plural(view.reports, 'report')} from ${plural(view.reporters.length, 'receiver')} for ${
        view.domains.join(', ') || 'no domain'
      }, covering ${period}.`,
    ),
    totals(view),
    failuresList(failures),
    h('h4', {}, 'Pass rate over time'),
    passRateChart(view.daily, 'Share of messages that passed DMARC, per day (UTC)'),
    h('h4', {}, 'Top sources'),
    sourcesChart(
      top.map((s) => ({
        label: s.ip,
        passed: s.passed,
        failed: s.messages - s.passed,
        note: s.classification,
      })),
      'Messages per sending source',
    ),
    sourcesTable(top),
    h('h4', { id: 'fixes-heading' }, 'What to fix before p=reject'),
    view.fixes.length === 0
      ? h(
          'p',
          { id: 'fixes', class: 'pass' },
          'Nothing found in these reports: every legitimate source passes DMARC.',
        )
      : h(
          'ol',
          { id: 'fixes', class: 'fix-list', 'aria-labelledby': 'fixes-heading' },
          view.fixes.map((f) => h('li', {}, f)),
        ),
    view.spoofing.messages > 0 &&
      h(
        'p',
        { id: 'spoofing-note' },
        `${plural(view.spoofing.messages, 'message')} from ${plural(view.spoofing.sources.length, 'source')} you did not list look like spoofing: that is the mail p=reject stops. If one of them is yours, add it under "Your senders" above.`,
      ),
    h('h4', {}, 'Receivers'),
    table(
      {},
      'Who sent these reports',
      ['Receiver', { label: 'Reports', class: 'num' }, { label: 'Messages', class: 'num' }],
      view.reporters.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, r.orgName || '(unnamed)'),
          h('td', { class: 'num' }, count(r.reports)),
          h('td', { class: 'num' }, count(r.messages)),
        ),
      ),
    ),
  );
}
