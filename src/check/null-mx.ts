/**
 * Null MX (RFC 7505): a domain that accepts no mail publishes exactly one MX record with
 * preference 0 and an empty exchange (`MX 0 .`).
 * @module
 */
import { type Diagnostic, makeDiagnostic } from '../diagnostics.js';
import type { MxRecord } from '../dns/types.js';
import { CHECK_DIAGNOSTICS } from './catalogue.js';

/** True for the empty exchange of a Null MX: `""` (as Node reports it) or `"."`. */
function isRootExchange(exchange: string): boolean {
  return exchange === '' || exchange === '.';
}

/**
 * Reads a domain's MX set for a Null MX (RFC 7505 §3): `nullMx` is true only for exactly one
 * record, preference 0, exchange `.`. A `.` exchange beside other records, or with another
 * preference, is an error the domain owner should fix.
 *
 * @example
 * ```ts
 * checkNullMx([{ priority: 0, exchange: '' }], 'example.com'); // { nullMx: true, diagnostics: [] }
 * ```
 */
export function checkNullMx(
  records: readonly MxRecord[],
  domain: string,
): { nullMx: boolean; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const roots = records.filter((r) => isRootExchange(r.exchange));
  if (roots.length === 0) return { nullMx: false, diagnostics };
  if (records.length > roots.length) {
    diagnostics.push(
      makeDiagnostic(
        'null-mx-mixed',
        CHECK_DIAGNOSTICS['null-mx-mixed'],
        `${domain} publishes a Null MX ("MX 0 .") and other MX records; keep only one of the two.`,
      ),
    );
    return { nullMx: false, diagnostics };
  }
  const badPreference = roots.find((r) => r.priority !== 0);
  if (badPreference !== undefined) {
    diagnostics.push(
      makeDiagnostic(
        'null-mx-preference',
        CHECK_DIAGNOSTICS['null-mx-preference'],
        `${domain} has "MX ${badPreference.priority} ."; a Null MX is "MX 0 .".`,
      ),
    );
    return { nullMx: false, diagnostics };
  }
  return { nullMx: roots.length === 1, diagnostics };
}
