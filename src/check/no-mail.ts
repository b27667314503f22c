/**
 * A domain that sends and receives no mail says so in three places: a Null MX (RFC 7505 §3),
 * an SPF record that authorizes nobody (`v=spf1 -all`, RFC 7208 §5.1) and a DMARC policy of
 * `reject` (RFC 9989 §4.7). This file decides whether all three are there and writes the
 * zone-file lines for those that are not.
 * @module
 */
import { type Diagnostic, makeDiagnostic } from '../diagnostics.js';
import { CHECK_DIAGNOSTICS } from './catalogue.js';
import { splitSpfTerms } from './spf.js';

/** Whether the domain declares "no mail" everywhere, and the zone-file lines still missing. */
export interface NoMailCheck {
  /** True when the Null MX, `v=spf1 -all` and an enforced `p=reject` are all published. */
  declared: boolean;
  /** The records still to publish, as zone-file lines (empty when `declared`). */
  missing: string[];
}

/** What {@link checkNoMail} reads from the rest of the check. */
export interface NoMailInput {
  domain: string;
  nullMx: boolean;
  /** The domain's single SPF record, when it has exactly one. */
  spfText?: string;
  /** True when `reject` applies to the domain with no `t=y` and no `pct` below 100. */
  rejectEnforced: boolean;
}

/**
 * True for an SPF record that authorizes no host at all: `v=spf1 -all`, with nothing but
 * modifiers beside it (RFC 7208 §5.1).
 *
 * @example
 * ```ts
 * isDenyAllSpf('v=spf1 -all'); // true
 * isDenyAllSpf('v=spf1 mx -all'); // false
 * ```
 */
export function isDenyAllSpf(text: string): boolean {
  const mechanisms = splitSpfTerms(text).filter((t) => t.kind !== 'modifier');
  const only = mechanisms[0];
  return (
    mechanisms.length === 1 &&
    only !== undefined &&
    only.kind === 'mechanism' &&
    only.name === 'all' &&
    only.qualifier === '-'
  );
}

/**
 * Checks the three "no mail" signals and lists the zone-file lines to publish for the missing
 * ones. A diagnostic is added when the domain declares no mail in all three places (info), or
 * gives one of the two unambiguous signals (Null MX, `v=spf1 -all`) without the others (warning).
 *
 * @example
 * ```ts
 * checkNoMail({ domain: 'example.org', nullMx: true, spfText: 'v=spf1 -all', rejectEnforced: false }).noMail.missing;
 * // ['_dmarc.example.org. IN TXT "v=DMARC1; p=reject"']
 * ```
 */
export function checkNoMail(input: NoMailInput): {
  noMail: NoMailCheck;
  diagnostics: Diagnostic[];
} {
  const { domain } = input;
  const denyAll = input.spfText !== undefined && isDenyAllSpf(input.spfText);
  const missing: string[] = [];
  if (!input.nullMx) missing.push(`${domain}. IN MX 0 .`);
  if (!denyAll) missing.push(`${domain}. IN TXT "v=spf1 -all"`);
  if (!input.rejectEnforced) missing.push(`_dmarc.${domain}. IN TXT "v=DMARC1; p=reject"`);
  const diagnostics: Diagnostic[] = [];
  if (missing.length === 0) {
    diagnostics.push(
      makeDiagnostic(
        'no-mail-declared',
        CHECK_DIAGNOSTICS['no-mail-declared'],
        `${domain} says it sends and receives no mail: Null MX, "v=spf1 -all" and p=reject are all published.`,
      ),
    );
  } else if (input.nullMx || denyAll) {
    const said = input.nullMx
      ? 'a Null MX (it receives no mail)'
      : '"v=spf1 -all" (it sends no mail)';
    diagnostics.push(
      makeDiagnostic(
        'no-mail-incomplete',
        CHECK_DIAGNOSTICS['no-mail-incomplete'],
        `${domain} publishes ${said}; if it handles no mail at all, also publish: ${missing.join('; ')}.`,
      ),
    );
  }
  return { noMail: { declared: missing.length === 0, missing }, diagnostics };
}
