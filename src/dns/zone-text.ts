/**
 * A small subset of the RFC 1035 §5 master-file format, enough to write test and example
 * zones once and serve them both from a real DNS server and from
 * {@link createStaticResolver}: `$ORIGIN`, `$TTL`, `@`, relative and absolute owner names,
 * blank owners (the previous owner), optional TTL and class, `;` comments, parentheses,
 * quoted strings with `\"`, `\\` and `\DDD` escapes, and the record types TXT, MX and CNAME.
 * Records of any other type (SOA, NS, A, ...) only make their owner name exist.
 * @module
 */
import { asciiLower } from '../internal/ascii.js';
import type { StaticZone, StaticZoneEntry } from './static.js';
import type { MxRecord } from './types.js';

/** Options of {@link parseZoneText}. */
export interface ParseZoneTextOptions {
  /** The origin for relative names until a `$ORIGIN` line; none by default. */
  origin?: string;
}

interface Token {
  text: string;
  quoted: boolean;
}

interface Line {
  number: number;
  /** True when the line starts with a blank: the owner is the previous line's. */
  continuesOwner: boolean;
  tokens: Token[];
}

/**
 * Parses zone text into the shape {@link createStaticResolver} takes. Owner names are
 * lower-cased and given without the trailing dot. Throws a `SyntaxError` naming the line on
 * text it cannot read: zone text is configuration written by the caller, not untrusted input.
 *
 * @example
 * ```ts
 * import { parseZoneText, createStaticResolver } from 'dmarc-kit/dns';
 * const zone = parseZoneText(`
 * $ORIGIN example.com.
 * _dmarc  TXT  "v=DMARC1; p=reject; " "rua=mailto:d@example.com"
 * @       MX   10 mail
 * `);
 * const resolver = createStaticResolver(zone);
 * ```
 */
export function parseZoneText(text: string, options: ParseZoneTextOptions = {}): StaticZone {
  if (typeof text !== 'string') throw new TypeError('zone text must be a string');
  let origin = options.origin === undefined ? '' : absolute(options.origin, '', 0);
  let owner: string | undefined;
  const zone: Record<string, StaticZoneEntry> = {};
  // Mutable lists per owner, so many records at one name stay linear to collect.
  const lists = new Map<string, { txt?: string[][]; mx?: MxRecord[] }>();
  const listsOf = (key: string): { txt?: string[][]; mx?: MxRecord[] } => {
    let found = lists.get(key);
    if (found === undefined) {
      found = {};
      lists.set(key, found);
    }
    return found;
  };
  for (const line of lines(text)) {
    const tokens = line.tokens;
    const first = tokens[0];
    if (first === undefined) continue;
    if (!line.continuesOwner && !first.quoted && first.text.startsWith('$')) {
      const directive = first.text.toUpperCase();
      if (directive === '$ORIGIN') {
        const value = tokens[1];
        if (value === undefined) fail(line.number, '$ORIGIN needs a name');
        origin = absolute(value.text, '', line.number);
      } else if (directive !== '$TTL') {
        fail(line.number, `unsupported directive ${first.text}`);
      }
      continue;
    }
    let at = 0;
    if (!line.continuesOwner) {
      owner = absolute(first.text, origin, line.number);
      at = 1;
    } else if (owner === undefined) {
      fail(line.number, 'the first record needs an owner name');
    }
    // Optional TTL and class, in either order (RFC 1035 §5.1).
    for (let i = 0; i < 2; i++) {
      const token = tokens[at];
      if (token === undefined || token.quoted) break;
      if (/^[0-9]+[smhdwSMHDW]?$/.test(token.text) || /^(IN|CH|HS|CS)$/i.test(token.text)) at++;
    }
    const typeToken = tokens[at];
    if (typeToken === undefined || typeToken.quoted) fail(line.number, 'missing record type');
    const type = typeToken.text.toUpperCase();
    const data = tokens.slice(at + 1);
    const key = owner as string;
    const entry = zone[key] ?? {};
    zone[key] = entry;
    if (type === 'TXT') {
      if (data.length === 0) fail(line.number, 'TXT needs at least one string');
      const chunks = data.map((t) => {
        if (t.text.length > 255) fail(line.number, 'a TXT string is longer than 255 octets');
        return t.text;
      });
      const list = listsOf(key);
      if (list.txt === undefined) {
        list.txt = [];
        entry.txt = list.txt;
      }
      list.txt.push(chunks);
    } else if (type === 'MX') {
      const [preference, exchange] = data;
      if (
        preference === undefined ||
        exchange === undefined ||
        !/^[0-9]{1,5}$/.test(preference.text)
      ) {
        fail(line.number, 'MX needs a preference and an exchange');
      }
      const priority = Number(preference.text);
      if (priority > 65535) fail(line.number, 'MX preference above 65535');
      const mx: MxRecord = { exchange: absolute(exchange.text, origin, line.number), priority };
      const list = listsOf(key);
      if (list.mx === undefined) {
        list.mx = [];
        entry.mx = list.mx;
      }
      list.mx.push(mx);
    } else if (type === 'CNAME') {
      const target = data[0];
      if (target === undefined) fail(line.number, 'CNAME needs a target');
      entry.cname = absolute(target.text, origin, line.number);
    } else if (!/^[A-Z][A-Z0-9-]*$/.test(type)) {
      fail(line.number, `unknown record type ${typeToken.text}`);
    }
  }
  return zone;
}

function fail(line: number, message: string): never {
  throw new SyntaxError(`zone text line ${line}: ${message}`);
}

/** Makes `name` absolute against `origin`; returns it lower-cased, without the final dot. */
function absolute(name: string, origin: string, line: number): string {
  if (name === '@') {
    if (origin === '' && line > 0) fail(line, '@ needs an $ORIGIN');
    return origin;
  }
  if (name === '.') return '';
  if (name.endsWith('.')) return asciiLower(name.slice(0, -1));
  return asciiLower(origin === '' ? name : `${name}.${origin}`);
}

/** Splits the text into logical lines of tokens, joining parenthesised groups. Linear. */
function lines(text: string): Line[] {
  const out: Line[] = [];
  let current: Line = { number: 1, continuesOwner: false, tokens: [] };
  let lineNumber = 1;
  let depth = 0;
  let atLineStart = true;
  let i = 0;
  const n = text.length;
  const finish = (): void => {
    if (current.tokens.length > 0) out.push(current);
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      lineNumber++;
      i++;
      if (depth === 0) {
        finish();
        current = { number: lineNumber, continuesOwner: false, tokens: [] };
        atLineStart = true;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      if (atLineStart && depth === 0 && current.tokens.length === 0) current.continuesOwner = true;
      atLineStart = false;
      i++;
      continue;
    }
    atLineStart = false;
    if (c === ';') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(') {
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) fail(lineNumber, 'unbalanced )');
      depth--;
      i++;
      continue;
    }
    const quoted = c === '"';
    if (quoted) i++;
    let value = '';
    for (;;) {
      if (i >= n) {
        if (quoted) fail(lineNumber, 'unterminated string');
        break;
      }
      const d = text[i]!;
      if (
        quoted
          ? d === '"'
          : d === ' ' ||
            d === '\t' ||
            d === '\r' ||
            d === '\n' ||
            d === ';' ||
            d === '(' ||
            d === ')'
      ) {
        if (quoted) i++;
        break;
      }
      if (d === '\n') lineNumber++;
      if (d === '\\') {
        const digits = text.slice(i + 1, i + 4);
        if (/^[0-9]{3}$/.test(digits)) {
          const code = Number(digits);
          if (code > 255) fail(lineNumber, `bad escape \\${digits}`);
          value += String.fromCharCode(code);
          i += 4;
          continue;
        }
        if (i + 1 >= n) fail(lineNumber, 'dangling backslash');
        value += text[i + 1];
        i += 2;
        continue;
      }
      value += d;
      i++;
    }
    current.tokens.push({ text: value, quoted });
  }
  if (depth !== 0) fail(lineNumber, 'unbalanced (');
  finish();
  return out;
}
