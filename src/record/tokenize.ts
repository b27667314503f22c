/**
 * The single-pass tokenizer of DMARC record text (RFC 9989 §4.8): splits the text into
 * `tag = value` elements at `;`, trims the whitespace that `dmarc-sep` and `equals` allow,
 * and keeps the UTF-16 span of every part. It never backtracks: each code unit is looked at
 * a bounded number of times, so the cost is linear in the input length.
 * @module
 */
import { asciiLower, isWsp } from '../internal/ascii.js';

/** A well-formed `name=value` element. */
export const TOKEN_TAG = 0;
/** Only whitespace between two semicolons. */
export const TOKEN_EMPTY = 1;
/** Text between semicolons without `=`, or with nothing before the `=`. */
export const TOKEN_MALFORMED = 2;

/** Bits identifying the tags DMARC defines (RFC 9989 §4.7) and the historic ones (RFC 7489 §6.3). */
export const BIT_V = 1;
export const BIT_P = 2;
export const BIT_SP = 4;
export const BIT_NP = 8;
export const BIT_ADKIM = 16;
export const BIT_ASPF = 32;
export const BIT_T = 64;
export const BIT_PSD = 128;
export const BIT_FO = 256;
export const BIT_RUA = 512;
export const BIT_RUF = 1024;
export const BIT_PCT = 2048;
export const BIT_RF = 4096;
export const BIT_RI = 8192;

/** The kind of a {@link RecordToken}. */
export type TokenKind = typeof TOKEN_TAG | typeof TOKEN_EMPTY | typeof TOKEN_MALFORMED;

/** One element of a record between semicolons, with its spans (UTF-16, `end` exclusive). */
export interface RecordToken {
  kind: TokenKind;
  /** The `BIT_*` of a known tag name, 0 for any other name and for non-tags. */
  bit: number;
  /** The tag name, ASCII lower-cased (never Unicode case mapping); `''` unless a tag. */
  name: string;
  /** The value as written, without surrounding whitespace; the whole text when malformed. */
  value: string;
  /** Start of the element (first non-whitespace code unit). */
  start: number;
  /** End of the element (after its last non-whitespace code unit). */
  end: number;
  /** End of the name (before any whitespace preceding `=`). */
  nameEnd: number;
  /** Start of the value. */
  valueStart: number;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * The `BIT_*` of the tag name `text[s, e)`, compared in ASCII case-insensitively without
 * slicing it; 0 when it is not a known name.
 */
function knownTag(text: string, s: number, e: number): number {
  const a = lower(text.charCodeAt(s));
  switch (e - s) {
    case 1:
      return a === 118 ? BIT_V : a === 112 ? BIT_P : a === 116 ? BIT_T : 0;
    case 2: {
      const b = lower(text.charCodeAt(s + 1));
      if (a === 115) return b === 112 ? BIT_SP : 0;
      if (a === 110) return b === 112 ? BIT_NP : 0;
      if (a === 102) return b === 111 ? BIT_FO : 0;
      if (a === 114) return b === 102 ? BIT_RF : b === 105 ? BIT_RI : 0;
      return 0;
    }
    case 3: {
      const b = lower(text.charCodeAt(s + 1));
      const c = lower(text.charCodeAt(s + 2));
      if (a === 114 && b === 117) return c === 97 ? BIT_RUA : c === 102 ? BIT_RUF : 0;
      if (a === 112) {
        if (b === 115 && c === 100) return BIT_PSD;
        if (b === 99 && c === 116) return BIT_PCT;
      }
      return 0;
    }
    case 4:
      return a === 97 &&
        lower(text.charCodeAt(s + 1)) === 115 &&
        lower(text.charCodeAt(s + 2)) === 112 &&
        lower(text.charCodeAt(s + 3)) === 102
        ? BIT_ASPF
        : 0;
    case 5:
      return a === 97 &&
        lower(text.charCodeAt(s + 1)) === 100 &&
        lower(text.charCodeAt(s + 2)) === 107 &&
        lower(text.charCodeAt(s + 3)) === 105 &&
        lower(text.charCodeAt(s + 4)) === 109
        ? BIT_ADKIM
        : 0;
    default:
      return 0;
  }
}

/** The lower-case name of a known tag bit. */
export function tagName(bit: number): string {
  switch (bit) {
    case BIT_V:
      return 'v';
    case BIT_P:
      return 'p';
    case BIT_SP:
      return 'sp';
    case BIT_NP:
      return 'np';
    case BIT_ADKIM:
      return 'adkim';
    case BIT_ASPF:
      return 'aspf';
    case BIT_T:
      return 't';
    case BIT_PSD:
      return 'psd';
    case BIT_FO:
      return 'fo';
    case BIT_RUA:
      return 'rua';
    case BIT_RUF:
      return 'ruf';
    case BIT_PCT:
      return 'pct';
    case BIT_RF:
      return 'rf';
    case BIT_RI:
      return 'ri';
    default:
      return '';
  }
}

/**
 * Walks the elements of record text one at a time without allocating one object per element
 * (RFC 9989 §4.8 `dmarc-record`, `dmarc-sep`, `equals`): each {@link TokenCursor.next} call
 * moves to the next element and sets the fields below, as in a {@link RecordToken}. A final
 * empty element after a trailing `;` is not reported; other empty elements are.
 */
export class TokenCursor {
  kind: TokenKind = TOKEN_EMPTY;
  bit = 0;
  name = '';
  value = '';
  start = 0;
  end = 0;
  nameEnd = 0;
  valueStart = 0;
  private readonly text: string;
  private pos = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** Moves to the next element; false when there is none left. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    const i = this.pos;
    if (i > n) return false;
    let s = i;
    while (s < n && isWsp(text.charCodeAt(s))) s++;
    let j = s;
    let eq = -1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 59) break; // ';'
      if (c === 61 && eq < 0) eq = j; // '='
      j++;
    }
    let e = j;
    while (e > s && isWsp(text.charCodeAt(e - 1))) e--;
    this.pos = j + 1;
    if (s === e) {
      if (j >= n) return false;
      this.kind = TOKEN_EMPTY;
      this.bit = 0;
      this.name = '';
      this.value = '';
      this.start = i;
      this.end = j;
      this.nameEnd = i;
      this.valueStart = j;
    } else if (eq < 0 || eq === s) {
      this.kind = TOKEN_MALFORMED;
      this.bit = 0;
      this.name = '';
      this.value = text.slice(s, e);
      this.start = s;
      this.end = e;
      this.nameEnd = s;
      this.valueStart = s;
    } else {
      let ne = eq;
      while (ne > s && isWsp(text.charCodeAt(ne - 1))) ne--;
      let vs = eq + 1;
      while (vs < e && isWsp(text.charCodeAt(vs))) vs++;
      const bit = knownTag(text, s, ne);
      this.kind = TOKEN_TAG;
      this.bit = bit;
      this.name = bit === 0 ? asciiLower(text.slice(s, ne)) : tagName(bit);
      this.value = vs < e ? text.slice(vs, e) : '';
      this.start = s;
      this.end = e;
      this.nameEnd = ne;
      this.valueStart = vs;
    }
    return true;
  }
}

/**
 * Splits record text into elements (RFC 9989 §4.8 `dmarc-record`, `dmarc-sep`, `equals`).
 * A final empty element after a trailing `;` is not reported; other empty elements are.
 * @param text - the TXT record text, its character-strings already joined (RFC 9989 §4.5).
 * @returns the elements in order; an empty array for empty or all-whitespace text.
 */
export function tokenize(text: string): RecordToken[] {
  const tokens: RecordToken[] = [];
  const cursor = new TokenCursor(text);
  while (cursor.next()) {
    tokens.push({
      kind: cursor.kind,
      bit: cursor.bit,
      name: cursor.name,
      value: cursor.value,
      start: cursor.start,
      end: cursor.end,
      nameEnd: cursor.nameEnd,
      valueStart: cursor.valueStart,
    });
  }
  return tokens;
}
