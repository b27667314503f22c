/** Renders a `DomainCheck` (dmarc-kit/check) as the posture panel. */
import type { DomainCheck } from '../../src/check/index.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { h, table } from './dom.js';

const STAGES: { stage: DomainCheck['stage']; label: string }[] = [
  { stage: 'none', label: 'No policy' },
  { stage: 'monitoring', label: 'Monitoring (p=none)' },
  { stage: 'quarantine', label: 'Quarantine' },
  { stage: 'reject', label: 'Reject' },
];

/** The diagnostics as a table: severity (in words, not only colour), code, message. */
export function diagnosticsTable(diagnostics: Diagnostic[], caption: string): HTMLElement {
  if (diagnostics.length === 0) return h('p', { class: 'pass' }, 'No problems found.');
  return table(
    { class: 'diagnostics' },
    caption,
    ['Severity', 'Code', 'What to know'],
    diagnostics.map((d) =>
      h(
        'tr',
        { 'data-code': d.code },
        h('td', { class: `severity-${d.severity}` }, d.severity),
        h('td', {}, h('code', {}, d.code)),
        h('td', {}, d.message),
      ),
    ),
  );
}

function stageLadder(current: DomainCheck['stage']): HTMLElement {
  const index = STAGES.findIndex((s) => s.stage === current);
  return h(
    'ol',
    { class: 'stages', 'aria-label': 'Road to p=reject' },
    STAGES.map((s, i) =>
      h(
        'li',
        { class: i < index ? 'done' : undefined, 'aria-current': i === index ? 'step' : undefined },
        s.label,
      ),
    ),
  );
}

function dmarcStatus(check: DomainCheck): string {
  const { dmarc } = check;
  if (dmarc.status === 'temperror') return 'The lookup failed temporarily (DNS error or timeout).';
  if (dmarc.status === 'none') return 'No DMARC record applies to this domain.';
  const where = dmarc.policyDomain ?? check.domain;
  return where === check.domain
    ? `Published at _dmarc.${where}.`
    : `Inherited from _dmarc.${where} (the domain has no record of its own).`;
}

function spfStatus(spf: DomainCheck['spf']): string {
  switch (spf.status) {
    case 'found':
      return spf.all === undefined ? 'One SPF record.' : `One SPF record, ending in ${spf.all}all.`;
    case 'multiple':
      return 'More than one SPF record: receivers treat that as a permanent error (RFC 7208 §4.5).';
    case 'temperror':
      return 'The lookup failed temporarily.';
    default:
      return 'No SPF record.';
  }
}

function destinations(check: DomainCheck): HTMLElement {
  if (check.reportDestinations.length === 0)
    return h('p', { class: 'warn' }, 'No report destinations: this domain receives no reports.');
  return table(
    {},
    'Where reports go',
    ['Tag', 'Address', 'Authorised'],
    check.reportDestinations.map((d) =>
      h(
        'tr',
        {},
        h('td', {}, d.tag),
        h('td', {}, h('code', {}, d.uri)),
        h(
          'td',
          {},
          !d.external
            ? 'same organisation'
            : d.authorized === true
              ? `yes (${d.domain} accepts them)`
              : d.authorized === false
                ? h('span', { class: 'fail' }, `no: ${d.domain} has not authorised them`)
                : 'not checked',
        ),
      ),
    ),
  );
}

/** The whole posture panel for one checked domain. */
export function renderPosture(check: DomainCheck): HTMLElement {
  const { dmarc, spf, noMail } = check;
  return h(
    'article',
    { class: 'panel posture', 'data-stage': check.stage, 'aria-labelledby': 'posture-heading' },
    h('h3', { id: 'posture-heading' }, `Posture of ${check.domain}`),
    h('p', { id: 'posture-stage' }, 'Stage: ', h('strong', {}, check.stage)),
    stageLadder(check.stage),
    h(
      'p',
      { class: 'next-step', id: 'posture-next-step' },
      h('strong', {}, 'Next step: '),
      check.nextStep,
    ),
    h('h4', {}, 'DMARC'),
    h('p', {}, dmarcStatus(check)),
    dmarc.text !== undefined && h('p', {}, h('code', { class: 'record' }, dmarc.text)),
    destinations(check),
    h('h4', {}, 'SPF'),
    h('p', {}, spfStatus(spf)),
    spf.text !== undefined && h('p', {}, h('code', {}, spf.text)),
    h('h4', {}, 'Mail exchangers'),
    h(
      'p',
      {},
      check.nullMx
        ? 'Null MX (RFC 7505): the domain accepts no mail.'
        : 'No null MX: the domain may accept mail.',
    ),
    noMail.declared &&
      (noMail.missing.length === 0
        ? h(
            'p',
            { class: 'pass' },
            'The domain declares it sends no mail, and every record for that is in place.',
          )
        : h(
            'div',
            {},
            h('p', {}, 'The domain declares it sends no mail; still missing:'),
            h('pre', {}, h('code', {}, noMail.missing.join('\n'))),
          )),
    h('h4', {}, 'Everything found'),
    diagnosticsTable(check.diagnostics, `Diagnostics for ${check.domain}`),
  );
}
