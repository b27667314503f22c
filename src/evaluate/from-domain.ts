/**
 * Author domain extraction from the RFC5322.From header (RFC 9989 §5.3.1, RFC 7489 §6.6.1).
 * @module
 */
import { normalizeDomain } from '../alignment/is-aligned.js';

/** One mailbox found in a From header value. */
export interface FromMailbox {
  /** The address as written (`local@domain`), comments and angle brackets removed. */
  address: string;
  /** The domain, normalised (lower case, A-labels, no trailing dot), or `null` when unusable. */
  domain: string | null;
}

/** What {@link extractAuthorDomains} found. */
export interface AuthorDomains {
  /** The distinct usable author domains, normalised, in order of appearance. */
  domains: string[];
  /** Every mailbox found, in order (a bare domain gives one mailbox with an empty local part). */
  mailboxes: FromMailbox[];
  /** Mailboxes whose domain is not a usable DNS name (e.g. a domain literal `[192.0.2.1]`). */
  invalid: string[];
}

/** Longest From value looked at; the rest is ignored (a From header is never this long). */
const MAX_FROM_LENGTH = 16_384;

/**
 * Extracts the author domains from a From header: a bare domain (`example.com`), an address
 * (`user@example.com`), or a header value with display names, comments, quoted local parts,
 * groups and several mailboxes (`"Doe, J." <j@example.com>, ops@example.net`). A leading
 * `From:` field name is accepted. Unicode domains are converted to A-labels (RFC 9989 §5.3.1).
 * Linear in the input and never throws.
 *
 * RFC 9989 §5.3.1: zero or more than one domain means DMARC validation is not possible; several
 * mailboxes in the same domain are one author domain. What to do with several domains is the
 * caller's choice (see `evaluate`, which follows RFC 7489 §6.6.1 and RFC 9989 §11.5).
 *
 * @param from - The From header value, an address or a domain.
 * @returns The distinct domains and every mailbox found.
 * @example
 * extractAuthorDomains('"Alerts" <alerts@News.Example.com>').domains; // ['news.example.com']
 * extractAuthorDomains('a@example.com, b@example.net').domains; // ['example.com', 'example.net']
 */
export function extractAuthorDomains(from: string): AuthorDomains {
  if (typeof from !== 'string') return { domains: [], mailboxes: [], invalid: [] };
  let text = from.length > MAX_FROM_LENGTH ? from.slice(0, MAX_FROM_LENGTH) : from;
  text = stripFieldName(text);
  const simple = simpleAddress(text);
  if (simple !== undefined) {
    // Arrays made at their size: the first push onto an empty array reserves room for sixteen.
    const at = simple.lastIndexOf('@');
    const domain = normalizeDomain(trimDot(simple.slice(at + 1)));
    const mailboxes = [{ address: simple, domain }];
    return domain === null
      ? { domains: [], mailboxes, invalid: [simple] }
      : { domains: [domain], mailboxes, invalid: [] };
  }
  const result: AuthorDomains = { domains: [], mailboxes: [], invalid: [] };
  const segments = splitMailboxes(text);
  const single = segments.length === 1;
  for (const seg of segments) {
    const addr = seg.angle ?? seg.bare;
    if (addr.length === 0) continue;
    const at = lastUnquotedAt(addr);
    let domainText: string;
    let address: string;
    if (at < 0) {
      // No '@': only a lone bare domain is accepted (the caller passed the author domain).
      if (!single || seg.angle !== undefined || !seg.plain) continue;
      domainText = addr;
      address = addr;
    } else {
      domainText = addr.slice(at + 1);
      address = addr;
    }
    const domain = domainText.startsWith('[') ? null : normalizeDomain(trimDot(domainText));
    result.mailboxes.push({ address, domain });
    if (domain === null) {
      result.invalid.push(address);
    } else if (!result.domains.includes(domain)) {
      result.domains.push(domain);
    }
  }
  return result;
}

/**
 * The addr-spec of the common shapes `local@domain` and `Display Name <local@domain>` when the
 * value has nothing the full parser is needed for (quotes, comments, escapes, groups, several
 * mailboxes, domain literals, source routes); otherwise `undefined`.
 */
function simpleAddress(text: string): string | undefined {
  let lt = -1;
  let gt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // " ( ) , ; : [ \
    if (
      c === 34 ||
      c === 40 ||
      c === 41 ||
      c === 44 ||
      c === 59 ||
      c === 58 ||
      c === 91 ||
      c === 92
    )
      return undefined;
    if (c === 60) {
      if (lt >= 0) return undefined;
      lt = i;
    } else if (c === 62) {
      if (gt >= 0 || lt < 0) return undefined;
      gt = i;
    }
  }
  let addr: string;
  if (lt >= 0) {
    if (gt < 0 || !onlyWhitespaceFrom(text, gt + 1)) return undefined;
    const firstAt = text.indexOf('@');
    if (firstAt >= 0 && firstAt < lt) return undefined;
    addr = text.slice(lt + 1, gt).trim();
  } else {
    if (gt >= 0) return undefined;
    addr = text.trim();
  }
  const at = addr.lastIndexOf('@');
  if (at <= 0 || at === addr.length - 1) return undefined;
  for (let i = 0; i < addr.length; i++) if (isSpace(addr.charCodeAt(i))) return undefined;
  return addr;
}

/** `text.slice(from).trim() === ''`, without the slice for ASCII text. */
function onlyWhitespaceFrom(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    // Other whitespace String.prototype.trim knows is not ASCII.
    return c >= 128 && text.slice(i).trim() === '';
  }
  return true;
}

function trimDot(domain: string): string {
  return domain.endsWith('.') ? domain.slice(0, -1) : domain;
}

function stripFieldName(text: string): string {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  // "from:" in any case, compared without slicing or lower-casing the value.
  if (
    text.length - i >= 5 &&
    (text.charCodeAt(i) | 32) === 102 &&
    (text.charCodeAt(i + 1) | 32) === 114 &&
    (text.charCodeAt(i + 2) | 32) === 111 &&
    (text.charCodeAt(i + 3) | 32) === 109 &&
    text.charCodeAt(i + 4) === 58
  )
    return text.slice(i + 5);
  return text;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

interface Segment {
  /** The addr-spec inside `<...>`, when the mailbox had one. */
  angle?: string;
  /** The mailbox text with comments and whitespace removed (quoted strings kept). */
  bare: string;
  /** True when the bare text had no quotes, comments or display-name words (a lone token). */
  plain: boolean;
}

/**
 * Splits a header value into mailboxes at top-level commas, skipping quoted strings, comments
 * (nested), angle addresses and domain literals; group syntax (`name: a, b;`) is flattened.
 * One pass, no backtracking.
 */
function splitMailboxes(text: string): Segment[] {
  const out: Segment[] = [];
  let bare = '';
  let angle: string | undefined;
  let inAngle = false;
  let angleText = '';
  let words = 0;
  let inWord = false;
  let plain = true;
  const flush = (): void => {
    const seg: Segment = { bare, plain: plain && words <= 1 };
    if (angle !== undefined) seg.angle = angle;
    if (seg.bare.length > 0 || seg.angle !== undefined) out.push(seg);
    bare = '';
    angle = undefined;
    angleText = '';
    inAngle = false;
    words = 0;
    inWord = false;
    plain = true;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i] as string;
    const c = text.charCodeAt(i);
    if (ch === '"') {
      // quoted string: copy through to the closing quote, honouring backslash escapes
      let q = '"';
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n) {
          q += text[i] as string;
          i++;
        }
        q += text[i] as string;
        i++;
      }
      q += '"';
      if (inAngle) angleText += q;
      else {
        bare += q;
        plain = false;
        if (!inWord) words++;
        inWord = true;
      }
      continue;
    }
    if (ch === '(') {
      // comment, possibly nested, with quoted-pairs
      let depth = 1;
      i++;
      while (i < n && depth > 0) {
        const d = text[i];
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')') depth--;
        if (depth > 0) i++;
      }
      if (!inAngle) {
        plain = false;
        inWord = false;
      }
      continue;
    }
    if (inAngle) {
      if (ch === '>') {
        inAngle = false;
        angle = stripRoute(angleText);
      } else if (ch === '[') {
        const end = text.indexOf(']', i);
        const stop = end < 0 ? n - 1 : end;
        angleText += text.slice(i, stop + 1);
        i = stop;
      } else if (!isSpace(c)) angleText += ch;
      continue;
    }
    if (ch === '<') {
      inAngle = true;
      angleText = '';
      plain = false;
      continue;
    }
    if (ch === '[') {
      const end = text.indexOf(']', i);
      const stop = end < 0 ? n - 1 : end;
      bare += text.slice(i, stop + 1);
      i = stop;
      if (!inWord) words++;
      inWord = true;
      continue;
    }
    if (ch === ',' || ch === ';') {
      flush();
      continue;
    }
    if (ch === ':') {
      // group display-name ends: what came before is a name, not an address
      bare = '';
      angle = undefined;
      words = 0;
      inWord = false;
      plain = true;
      continue;
    }
    if (isSpace(c)) {
      inWord = false;
      continue;
    }
    if (!inWord) words++;
    inWord = true;
    bare += ch;
  }
  if (inAngle) angle = stripRoute(angleText);
  flush();
  return out;
}

/** Removes an obsolete source route (`@a,@b:user@example.com`, RFC 5322 §4.4). */
function stripRoute(addr: string): string {
  if (!addr.startsWith('@')) return addr;
  const colon = addr.indexOf(':');
  return colon < 0 ? addr : addr.slice(colon + 1);
}

/** Position of the last `@` outside a quoted string, or -1. */
function lastUnquotedAt(addr: string): number {
  let inQuote = false;
  let at = -1;
  for (let i = 0; i < addr.length; i++) {
    const ch = addr[i];
    if (ch === '\\' && inQuote) {
      i++;
      continue;
    }
    if (ch === '"') inQuote = !inQuote;
    else if (ch === '@' && !inQuote) at = i;
  }
  return at;
}
