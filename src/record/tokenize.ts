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

/** The kind of a {@link RecordToken}. */
export type TokenKind = typeof TOKEN_TAG | typeof TOKEN_EMPTY | typeof TOKEN_MALFORMED;

/** One element of a record between semicolons, with its spans (UTF-16, `end` exclusive). */
export interface RecordToken {
  kind: TokenKind;
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

/**
 * Splits record text into elements (RFC 9989 §4.8 `dmarc-record`, `dmarc-sep`, `equals`).
 * A final empty element after a trailing `;` is not reported; other empty elements are.
 * @param text - the TXT record text, its character-strings already joined (RFC 9989 §4.5).
 * @returns the elements in order; an empty array for empty or all-whitespace text.
 */
export function tokenize(text: string): RecordToken[] {
  const tokens: RecordToken[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
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
    if (s === e) {
      if (j >= n) break;
      tokens.push({
        kind: TOKEN_EMPTY,
        name: '',
        value: '',
        start: i,
        end: j,
        nameEnd: i,
        valueStart: j,
      });
    } else if (eq < 0 || eq === s) {
      tokens.push({
        kind: TOKEN_MALFORMED,
        name: '',
        value: text.slice(s, e),
        start: s,
        end: e,
        nameEnd: s,
        valueStart: s,
      });
    } else {
      let ne = eq;
      while (ne > s && isWsp(text.charCodeAt(ne - 1))) ne--;
      let vs = eq + 1;
      while (vs < e && isWsp(text.charCodeAt(vs))) vs++;
      tokens.push({
        kind: TOKEN_TAG,
        name: asciiLower(text.slice(s, ne)),
        value: vs < e ? text.slice(vs, e) : '',
        start: s,
        end: e,
        nameEnd: ne,
        valueStart: vs,
      });
    }
    if (j >= n) break;
    i = j + 1;
  }
  return tokens;
}
