/**
 * Report destinations and their authorization (RFC 9990 §4, "Verifying External
 * Destinations"): a `rua` or `ruf` URI whose host lies outside the policy domain's
 * organizational domain only receives reports when the destination publishes
 * `<policy domain>._report._dmarc.<destination host>` with a record starting `v=DMARC1`.
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import type { DnsOutcome } from '../dns/outcome.js';
import { asciiLower, isWsp } from '../internal/ascii.js';
import type { DmarcRecord, ReportUri } from '../record/types.js';
import { type CheckDiagnosticCode, checkDiagnostic } from './catalogue.js';

/** One `rua` or `ruf` destination as the posture check reports it. */
export interface ReportDestination {
  tag: 'rua' | 'ruf';
  /** The URI as published. */
  uri: string;
  /** The destination host (lower case, no trailing dot); empty when the URI has none. */
  domain: string;
  /** True when the host's organizational domain differs from the policy domain's. */
  external: boolean;
  /**
   * For an external destination: true when the authorization record exists, false when it does
   * not (or cannot, the name being too long); absent when the lookup failed temporarily.
   */
  authorized?: boolean;
}

/** The most characters a domain name may have in presentation form, without the final dot. */
const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

/**
 * The destination host of a report URI (RFC 9990 §4 step 1): the domain of a `mailto:`
 * address, or the host of the URI's authority component, lower-cased without a trailing dot.
 * Returns an empty string when there is no host.
 *
 * @example
 * ```ts
 * reportUriHost({ uri: 'mailto:d@Reports.Example.NET', address: 'd@Reports.Example.NET' }); // 'reports.example.net'
 * ```
 */
export function reportUriHost(uri: ReportUri): string {
  let host = '';
  const address =
    uri.address ?? (startsWithAscii(uri.uri, 'mailto:') ? uri.uri.slice(7) : undefined);
  if (address !== undefined) {
    const query = address.indexOf('?');
    const mailbox = query < 0 ? address : address.slice(0, query);
    const at = mailbox.lastIndexOf('@');
    host = at < 0 ? '' : mailbox.slice(at + 1);
  } else {
    const scheme = uri.uri.indexOf('://');
    if (scheme >= 0) {
      let authority = uri.uri.slice(scheme + 3);
      const endOfAuthority = firstIndexOfAny(authority, '/?#');
      if (endOfAuthority >= 0) authority = authority.slice(0, endOfAuthority);
      const at = authority.lastIndexOf('@');
      if (at >= 0) authority = authority.slice(at + 1);
      if (authority.startsWith('[')) host = '';
      else {
        const colon = authority.indexOf(':');
        host = colon < 0 ? authority : authority.slice(0, colon);
      }
    }
  }
  host = asciiLower(host);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

/**
 * The name of the authorization record (RFC 9990 §4 steps 2 and 3), or `undefined` when it
 * exceeds DNS limits (step 4): 253 characters, 63 per label.
 *
 * @example
 * ```ts
 * authorizationRecordName('blue.example.com', 'red.example.net');
 * // 'blue.example.com._report._dmarc.red.example.net'
 * ```
 */
export function authorizationRecordName(policyDomain: string, host: string): string | undefined {
  const name = `${policyDomain}._report._dmarc.${host}`;
  if (name.length > MAX_NAME_LENGTH) return undefined;
  for (const label of name.split('.')) {
    if (label.length === 0 || label.length > MAX_LABEL_LENGTH) return undefined;
  }
  return name;
}

/**
 * True when a TXT record passes RFC 9990 §4 step 6: a tag-value list whose first tag is
 * `v=DMARC1` (a trailing `;` optional).
 *
 * @example
 * ```ts
 * isAuthorizationRecord('v=DMARC1'); // true
 * isAuthorizationRecord('v=spf1 -all'); // false
 * ```
 */
export function isAuthorizationRecord(text: string): boolean {
  const semicolon = text.indexOf(';');
  const first = semicolon < 0 ? text : text.slice(0, semicolon);
  const eq = first.indexOf('=');
  if (eq < 0) return false;
  return trimWsp(first.slice(0, eq)) === 'v' && trimWsp(first.slice(eq + 1)) === 'DMARC1';
}

/** What {@link reportDestinations} needs from its caller. */
export interface ReportDestinationsOptions {
  /** The organizational domain of a name (`organizationalDomain` from `dmarc-kit/org-domain`). */
  organizationalDomain: (domain: string) => string | null;
  /** Looks up TXT at a name, already wrapped with `resolveOutcome`. */
  lookupTxt: (name: string) => Promise<DnsOutcome<string[][]>>;
}

/**
 * Lists every `rua` and `ruf` destination of a record and, for each external one, looks up the
 * RFC 9990 §4 authorization record at `<policy domain>._report._dmarc.<host>` (once per host).
 *
 * @example
 * ```ts
 * const { destinations } = await reportDestinations(record, 'example.com', { organizationalDomain, lookupTxt });
 * ```
 */
export async function reportDestinations(
  record: DmarcRecord,
  policyDomain: string,
  options: ReportDestinationsOptions,
): Promise<{ destinations: ReportDestination[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const destinations: ReportDestination[] = [];
  const policyOrg = options.organizationalDomain(policyDomain) ?? policyDomain;
  const lookups = new Map<string, Promise<boolean | undefined>>();
  const entries: { tag: 'rua' | 'ruf'; uri: ReportUri }[] = [
    ...record.rua.map((uri) => ({ tag: 'rua' as const, uri })),
    ...record.ruf.map((uri) => ({ tag: 'ruf' as const, uri })),
  ];
  for (const { tag, uri } of entries) {
    const host = reportUriHost(uri);
    if (host === '') {
      diagnostics.push(
        diag(
          'report-destination-no-host',
          `The ${tag} URI "${uri.uri}" has no host to send reports to.`,
          tag,
        ),
      );
      destinations.push({ tag, uri: uri.uri, domain: '', external: false });
      continue;
    }
    const hostOrg = options.organizationalDomain(host) ?? host;
    const external = hostOrg !== policyOrg;
    const destination: ReportDestination = { tag, uri: uri.uri, domain: host, external };
    destinations.push(destination);
    if (!external) continue;
    let pending = lookups.get(host);
    if (pending === undefined) {
      pending = authorize(policyDomain, host, options, diagnostics, tag);
      lookups.set(host, pending);
    }
    const authorized = await pending;
    if (authorized !== undefined) destination.authorized = authorized;
  }
  return { destinations, diagnostics };
}

async function authorize(
  policyDomain: string,
  host: string,
  options: ReportDestinationsOptions,
  diagnostics: Diagnostic[],
  tag: 'rua' | 'ruf',
): Promise<boolean | undefined> {
  const name = authorizationRecordName(policyDomain, host);
  if (name === undefined) {
    diagnostics.push(
      diag(
        'report-destination-name-too-long',
        `${policyDomain}._report._dmarc.${host} is longer than DNS allows, so ${host} can never authorize reports for ${policyDomain}.`,
        tag,
      ),
    );
    return false;
  }
  const outcome = await options.lookupTxt(name);
  if (outcome.kind === 'temperror') {
    diagnostics.push(
      diag(
        'report-destination-temperror',
        `The lookup of ${name} failed (${outcome.code}); whether ${host} accepts reports for ${policyDomain} is unknown.`,
        tag,
      ),
    );
    return undefined;
  }
  const ok =
    outcome.kind === 'answer' &&
    outcome.value.some((chunks) => isAuthorizationRecord(chunks.join('')));
  if (ok) {
    diagnostics.push(
      diag(
        'report-destination-authorized',
        `${host} accepts reports for ${policyDomain} (${name}).`,
        tag,
      ),
    );
    return true;
  }
  diagnostics.push(
    diag(
      'report-destination-unauthorized',
      `${host} does not publish "v=DMARC1" at ${name}, so receivers will not send it reports for ${policyDomain}.`,
      tag,
    ),
  );
  return false;
}

function diag(code: CheckDiagnosticCode, message: string, tag?: string): Diagnostic {
  return checkDiagnostic(code, message, tag === undefined ? undefined : { tag });
}

function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isWsp(text.charCodeAt(start))) start++;
  while (end > start && isWsp(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function startsWithAscii(text: string, prefix: string): boolean {
  return asciiLower(text.slice(0, prefix.length)) === prefix;
}

function firstIndexOfAny(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) {
    if (chars.includes(text[i] as string)) return i;
  }
  return -1;
}
