/**
 * `classifyRecord`: which of the situations a domain owner must tell apart a report record
 * shows, from the record alone plus what the owner knows about their own senders.
 *
 * The heuristics, checked in this order (RFC 9990 §3.1.1.9 and §3.1.6 for the reason types,
 * RFC 9989 §4.4 for alignment):
 *
 * - **DMARC passed** (the `policy_evaluated` dkim or spf is `pass`):
 *   - aligned DKIM passed but aligned SPF did not: from a source the owner lists, the
 *     server is missing from SPF (`forgotten-sender`); otherwise the message was forwarded and
 *     DKIM survived (`forwarding`), which needs no action;
 *   - otherwise `pass`. When only SPF aligned, the evidence notes that DKIM signing is
 *     missing, because such mail fails as soon as it is forwarded.
 * - **DMARC failed**:
 *   1. `forgotten-sender`: the source IP lies in a network the owner lists, or SPF or DKIM
 *      passed for a domain the owner lists (an email provider sending on their behalf without
 *      aligned DKIM or a custom return path). Fix: add it to SPF, sign with DKIM;
 *   2. `mailing-list`: the receiver gave the reason `mailing_list`, or the owner's own DKIM
 *      signature is present but no longer verifies (a list rewrote the subject or footer, and
 *      the list server broke SPF too). Nothing to fix on the owner's side beyond DKIM;
 *   3. `forwarding`: the receiver gave the reason `forwarded` (RFC 7489) or
 *      `trusted_forwarder`. Unsigned mail that was forwarded looks like spoofing, which is why
 *      signing everything with DKIM matters;
 *   4. `spoofing`: none of the above: an unknown source, no valid signature from the owner,
 *      nothing the owner recognises. A reject policy is what stops it.
 *
 * A domain is the owner's when it equals the header-from domain or one of `knownDomains`, or
 * is a subdomain or parent of one (a relaxed, PSL-free approximation of alignment).
 * @module
 */
import { inNetwork, ipBytes, type Network, parseNetwork } from './ip.js';
import type { ReportRecord } from './types.js';

/** The situations `classifyRecord` tells apart, from most to least urgent when failing. */
export type RecordCategory =
  | 'spoofing'
  | 'forgotten-sender'
  | 'forwarding'
  | 'mailing-list'
  | 'pass';

/** What the domain owner knows about their own mail. */
export interface ClassifyRecordOptions {
  /** Addresses or networks (CIDR, IPv4 or IPv6) that send the owner's mail. */
  knownSources?: readonly string[];
  /**
   * Domains the owner sends as or through: their own domains and their providers' (for
   * example `sendgrid.net`, `amazonses.com`). Subdomains match.
   */
  knownDomains?: readonly string[];
}

/** The verdict for one record. */
export interface RecordClassification {
  category: RecordCategory;
  /** DMARC outcome as the receiver evaluated it. */
  dmarc: 'pass' | 'fail';
  /** 4 spoofing, 3 forgotten sender, 2 forwarding, 1 mailing list, 0 pass. */
  urgency: 0 | 1 | 2 | 3 | 4;
  /** One plain sentence for the owner. */
  summary: string;
  /** The facts the verdict rests on, one short sentence each. */
  evidence: string[];
}

const URGENCY: Record<RecordCategory, RecordClassification['urgency']> = {
  spoofing: 4,
  'forgotten-sender': 3,
  forwarding: 2,
  'mailing-list': 1,
  pass: 0,
};

function lower(domain: string): string {
  let d = domain.trim().toLowerCase();
  while (d.endsWith('.')) d = d.slice(0, -1);
  return d;
}

function related(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** A reusable classifier with the options parsed once (networks, domains). */
export type RecordClassifier = (record: ReportRecord) => RecordClassification;

/**
 * Builds a classifier for many records with the same options; throws a `RangeError` for a
 * `knownSources` entry that is not an address or CIDR network.
 */
export function createRecordClassifier(options: ClassifyRecordOptions = {}): RecordClassifier {
  const networks: Network[] = [];
  for (const source of options.knownSources ?? []) {
    const network = parseNetwork(source.trim());
    if (network === undefined) {
      throw new RangeError(`knownSources: "${source}" is not an IP address or CIDR network.`);
    }
    networks.push(network);
  }
  const knownDomains = (options.knownDomains ?? []).map(lower).filter((d) => d !== '');
  return (record) => classify(record, networks, knownDomains);
}

function classify(
  record: ReportRecord,
  networks: readonly Network[],
  knownDomains: readonly string[],
): RecordClassification {
  const from = lower(record.identifiers.headerFrom);
  const isOwner = (domain: string): boolean => {
    const d = lower(domain);
    return (
      d !== '' && ((from !== '' && related(d, from)) || knownDomains.some((k) => related(d, k)))
    );
  };
  const isKnownProvider = (domain: string): boolean => {
    const d = lower(domain);
    return d !== '' && knownDomains.some((k) => related(d, k));
  };
  const evidence: string[] = [];
  const pe = record.policyEvaluated;
  const dkimAligned = pe.dkim === 'pass';
  const spfAligned = pe.spf === 'pass';
  const address = ipBytes(record.sourceIp);
  const knownSource = address !== undefined && networks.some((n) => inNetwork(address, n));
  if (knownSource) evidence.push(`${record.sourceIp} is one of your listed sending sources.`);
  const reasons = new Set(pe.reasons.map((r) => r.type));
  const ownerSignatures = record.authResults.dkim.filter((d) => isOwner(d.domain));
  const brokenOwnerSignature = ownerSignatures.find((d) => d.result !== 'pass');
  const providerPass =
    record.authResults.dkim.find((d) => d.result === 'pass' && isKnownProvider(d.domain))?.domain ??
    record.authResults.spf.find((s) => s.result === 'pass' && isKnownProvider(s.domain))?.domain;

  const verdict = (category: RecordCategory, summary: string): RecordClassification => ({
    category,
    dmarc: dkimAligned || spfAligned ? 'pass' : 'fail',
    urgency: URGENCY[category],
    summary,
    evidence,
  });

  if (dkimAligned || spfAligned) {
    if (dkimAligned && !spfAligned) {
      evidence.push('Aligned DKIM passed; aligned SPF did not.');
      if (knownSource) {
        return verdict(
          'forgotten-sender',
          `Your server ${record.sourceIp} passes DMARC through DKIM only: add it to your SPF record.`,
        );
      }
      return verdict(
        'forwarding',
        `Mail from ${record.sourceIp} was forwarded: SPF broke on the way and your DKIM signature survived, so it passed.`,
      );
    }
    if (!dkimAligned)
      evidence.push(
        'Only SPF aligned: this mail is not DKIM-signed with your domain and will fail when forwarded.',
      );
    return verdict('pass', `Mail from ${record.sourceIp} passed DMARC.`);
  }

  evidence.push('Neither DKIM nor SPF passed aligned with the From domain.');
  if (knownSource || providerPass !== undefined) {
    if (providerPass !== undefined) {
      evidence.push(
        `Authentication passed for ${providerPass}, a domain you listed, but not aligned with ${from}.`,
      );
    }
    return verdict(
      'forgotten-sender',
      `${record.sourceIp} sends your mail but is not set up for DMARC: add it to SPF and sign its mail with DKIM for ${from}.`,
    );
  }
  if (reasons.has('mailing_list') || brokenOwnerSignature !== undefined) {
    if (reasons.has('mailing_list')) evidence.push('The receiver identified a mailing list.');
    if (brokenOwnerSignature !== undefined) {
      evidence.push(
        `Your DKIM signature (${brokenOwnerSignature.domain}) is present but ${brokenOwnerSignature.result === '' ? 'did not verify' : `returned ${brokenOwnerSignature.result}`}: the message was changed in transit.`,
      );
    }
    return verdict(
      'mailing-list',
      `Mail from ${record.sourceIp} went through a mailing list that changed it, breaking both DKIM and SPF.`,
    );
  }
  if (reasons.has('forwarded') || reasons.has('trusted_forwarder')) {
    evidence.push('The receiver identified a forwarder.');
    return verdict(
      'forwarding',
      `Mail from ${record.sourceIp} was forwarded without a DKIM signature that survived.`,
    );
  }
  evidence.push(
    `${record.sourceIp} is not a source you listed and carries no valid signature of yours.`,
  );
  return verdict(
    'spoofing',
    `${record.sourceIp} sent mail as ${from || 'your domain'} without authorisation: likely spoofing.`,
  );
}

/**
 * Classifies one aggregate report record into what a domain owner must tell apart: spoofing,
 * a legitimate sender they forgot (missing from SPF, not DKIM-signing), forwarding, a
 * mailing list, or a plain pass. See the module documentation for the heuristics.
 *
 * @param record - A record from `parseAggregateReport`.
 * @param options - The owner's known sending networks and domains.
 * @returns The category, its urgency, a summary sentence and the evidence.
 * @example
 * const verdict = classifyRecord(report.records[0], { knownSources: ['192.0.2.0/24'], knownDomains: ['sendgrid.net'] });
 * if (verdict.category === 'spoofing') console.log(verdict.summary);
 */
export function classifyRecord(
  record: ReportRecord,
  options: ClassifyRecordOptions = {},
): RecordClassification {
  return createRecordClassifier(options)(record);
}
