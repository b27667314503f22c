/**
 * The RFC 9989 §4.10 DNS Tree Walk and the §4.10.2 choice of the Organizational Domain.
 * This file never imports the PSL snapshot: a bundle that only walks the tree carries no list.
 * @module
 */
import type { DmarcRecord } from '../record/types.js';
import {
  type DmarcLookup,
  dmarcAnswer,
  dmarcFailure,
  type LookupContext,
  sendDmarcQuery,
} from './dmarc-lookup.js';

/** The most queries one walk makes (RFC 9989 §4.10). */
export const MAX_TREE_WALK_QUERIES = 8;

/** A usable DMARC record found during a walk. */
export interface WalkRecord {
  domain: string;
  record: DmarcRecord;
  text: string;
  diagnostics: import('../diagnostics.js').Diagnostic[];
}

/** What one walk found. */
export interface TreeWalk {
  /** `temperror` when a lookup the walk needed failed temporarily (the walk stops there). */
  status: 'complete' | 'temperror';
  /** The start domain (A-labels). */
  start: string;
  /** Usable records, in walk order (most labels first). */
  records: WalkRecord[];
  /** The name where a lookup failed, when `status` is `temperror`. */
  failedAt?: string;
}

/**
 * The names a walk from `start` visits, in order, when nothing stops it early (RFC 9989
 * §4.10 steps 1, 4 and 7): the start, then the parent, or, from eight labels up, the name cut
 * to its seven right-most labels, then one label less each time down to the top-level domain.
 * Never more than eight names.
 * @example walkTargets('a.b.c.d.e.f.g.h.i.j.mail.example.com') // 8 names, ending with 'com'
 */
export function walkTargets(start: string): string[] {
  // Where each label after the first starts, found once; each target is a suffix of `start`.
  const starts: number[] = [];
  for (let i = start.indexOf('.'); i >= 0; i = start.indexOf('.', i + 1)) starts.push(i + 1);
  const x = starts.length + 1; // labels
  const targets = [start];
  // Keeping `keep` right-most labels means starting at label x - keep, i.e. starts[x - keep - 1].
  for (let keep = x < 8 ? x - 1 : 7; keep >= 1; keep--) {
    targets.push(start.slice(starts[x - keep - 1] as number));
  }
  return targets;
}

/**
 * Walks the DNS tree from `start` (an A-label name), stopping early only at a single usable
 * record with `psd=y` or `psd=n` (RFC 9989 §4.10 steps 2 and 6) or at a temporary failure.
 */
export async function walkTree(start: string, ctx: LookupContext): Promise<TreeWalk> {
  const records: WalkRecord[] = [];
  for (const target of walkTargets(start)) {
    // lookupDmarcRecord, inlined: one promise per query instead of two.
    let answer: unknown;
    let found: DmarcLookup | undefined;
    try {
      answer = await sendDmarcQuery(target, ctx);
    } catch (error) {
      found = dmarcFailure(target, error, ctx);
    }
    found ??= dmarcAnswer(target, answer, ctx);
    if (found.kind === 'temperror') {
      return { status: 'temperror', start, records, failedAt: target };
    }
    if (found.kind === 'record') {
      records.push({
        domain: target,
        record: found.record,
        text: found.text,
        diagnostics: found.diagnostics,
      });
      if (found.record.psd === 'y' || found.record.psd === 'n') break;
    }
  }
  return { status: 'complete', start, records };
}

/** How the Organizational Domain was chosen (RFC 9989 §4.10.2). */
export type OrganizationalDomainRule = 'psd-n' | 'psd-y' | 'fewest-labels' | 'start';

/**
 * The Organizational Domain of a completed walk (RFC 9989 §4.10.2), looking at the records
 * from the longest name to the shortest: a record with `psd=n` names it; a record with
 * `psd=y`, other than the start's, makes it the name one label below that one (toward the
 * start); otherwise it is the name with the fewest labels that has a record; with no record
 * at all it is the start itself.
 * @example
 * // records at mail.example.com and example.com, walking from a.mail.example.com:
 * chooseOrganizationalDomain(walk) // { domain: 'example.com', rule: 'fewest-labels' }
 */
export function chooseOrganizationalDomain(walk: Pick<TreeWalk, 'start' | 'records'>): {
  domain: string;
  rule: OrganizationalDomainRule;
} {
  const { start, records } = walk;
  for (const found of records) {
    if (found.record.psd === 'n') return { domain: found.domain, rule: 'psd-n' };
    if (found.record.psd === 'y' && found.domain !== start) {
      const startLabels = start.split('.');
      const keep = found.domain.split('.').length + 1;
      return { domain: startLabels.slice(startLabels.length - keep).join('.'), rule: 'psd-y' };
    }
  }
  const last = records[records.length - 1];
  if (last !== undefined) return { domain: last.domain, rule: 'fewest-labels' };
  return { domain: start, rule: 'start' };
}
