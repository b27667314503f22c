import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAsciiDomain } from '../../src/internal/domain-name.js';
import { punycodeDecode } from '../../src/internal/punycode.js';

const SEED = 20261204;

/**
 * The previous `toAsciiDomain` (before its single-pass rewrite for speed), kept verbatim minus
 * its memo maps as the oracle: the rewrite must give the same answer for every input.
 */
function referenceToAsciiDomain(name: string): string | null {
  if (typeof name !== 'string' || name.length > 1024) return null;
  const ascii = referenceNormaliseAscii(name, true);
  if (ascii !== undefined) return ascii;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const allowed =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 45 ||
      c === 46 ||
      c === 95;
    if (c < 0x80 && !allowed) return null;
  }
  let host: string;
  try {
    host = new URL(`http://${name}/`).hostname;
  } catch {
    return null;
  }
  return referenceNormaliseAscii(host, false) ?? null;
}

function referenceNormaliseAscii(name: string, checkPunycode: boolean): string | null | undefined {
  let end = name.length;
  if (end > 0 && name.charCodeAt(end - 1) === 46) end--;
  if (end === 0 || end > 253) {
    for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) >= 0x80) return undefined;
    return null;
  }
  let upper = false;
  let labelStart = 0;
  let punycode = false;
  for (let i = 0; i <= end; i++) {
    const c = i === end ? 46 : name.charCodeAt(i);
    if (c === 46) {
      const length = i - labelStart;
      if (length === 0 || length > 63) return null;
      labelStart = i + 1;
      continue;
    }
    if (c >= 97 && c <= 122) {
      if (c === 110 && i === labelStart + 1 && i + 2 < end) {
        const x = name.charCodeAt(labelStart) | 32;
        if (x === 120 && name.charCodeAt(i + 1) === 45 && name.charCodeAt(i + 2) === 45) {
          punycode = true;
        }
      }
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 45 || c === 95) continue;
    if (c >= 65 && c <= 90) {
      upper = true;
      if (c === 78 && i === labelStart + 1 && i + 2 < end) {
        const x = name.charCodeAt(labelStart) | 32;
        if (x === 120 && name.charCodeAt(i + 1) === 45 && name.charCodeAt(i + 2) === 45) {
          punycode = true;
        }
      }
      continue;
    }
    if (c >= 0x80) return undefined;
    return null;
  }
  let out = end === name.length ? name : name.slice(0, end);
  if (upper) out = out.toLowerCase();
  if (referenceEndsInNumber(out, out.lastIndexOf('.') + 1)) return null;
  if (punycode && checkPunycode && !referenceValidPunycode(out)) return null;
  return out;
}

function referenceEndsInNumber(name: string, start: number): boolean {
  let digits = true;
  for (let i = start; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) {
      digits = false;
      break;
    }
  }
  if (digits) return true;
  if (
    name.length - start >= 2 &&
    name.charCodeAt(start) === 48 &&
    name.charCodeAt(start + 1) === 120
  ) {
    for (let i = start + 2; i < name.length; i++) {
      const c = name.charCodeAt(i);
      if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
    }
    return true;
  }
  return false;
}

function referenceValidPunycode(name: string): boolean {
  for (const label of name.split('.')) {
    if (label.startsWith('xn--') && punycodeDecode(label.slice(4)) === null) return false;
  }
  try {
    return new URL(`http://${name}/`).hostname === name;
  } catch {
    return false;
  }
}

describe('toAsciiDomain against its previous implementation', () => {
  // Characters at every branch edge of the scan: letter range ends, the `xn--` letters in both
  // cases, digits, the allowed punctuation, ASCII just outside the allowed ranges, full stops
  // UTS-46 maps, and non-ASCII that maps, is disallowed, or is upper case.
  const edgeChar = fc.constantFrom(
    ...'azAZxnXN09-_.',
    ...'@[`{~/:\x7f ',
    'é',
    'É',
    'ß',
    '食',
    '。',
    '．',
    '\u200d',
  );
  const chars = fc.array(edgeChar, { maxLength: 40 }).map((list) => list.join(''));
  const label = fc.oneof(
    fc.stringMatching(/^[a-zA-Z0-9_-]{0,8}$/),
    fc.constantFrom(
      'xn--',
      'XN--',
      'xN--bcher-kva',
      'xn--bcher-kva',
      'xn--55qx5d',
      'xn--zz',
      'xn-',
    ),
    fc.constantFrom('0x7f', '0X1', '123', '0x', 'bücher', '食狮', 'Straße'),
    fc.integer({ min: 60, max: 66 }).map((n) => 'a'.repeat(n)),
  );
  const labels = fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 8 }), fc.constantFrom('', '.', '..', '。'))
    .map(([list, end]) => list.join('.') + end);
  const long = fc
    .tuple(fc.integer({ min: 240, max: 270 }), fc.constantFrom('', '.', 'é', 'A'))
    .map(([n, tail]) => `${'abcdefghi.'.repeat(Math.ceil(n / 10)).slice(0, n)}${tail}`);
  const anyName = fc.oneof(chars, labels, long, fc.string({ unit: 'binary', maxLength: 30 }));

  it('gives the same result for ASCII, Unicode and junk names', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        expect(toAsciiDomain(name)).toBe(referenceToAsciiDomain(name));
      }),
      { seed: SEED, numRuns: 20000 },
    );
  });

  it('returns an already normal name as the same string', () => {
    const normal = fc
      .array(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z]$/), { minLength: 2, maxLength: 5 })
      .map((list) => list.join('.'))
      .filter((name) => !name.split('.').some((l) => l.startsWith('xn--')));
    fc.assert(
      fc.property(normal, (name) => {
        expect(toAsciiDomain(name)).toBe(name);
        expect(referenceToAsciiDomain(name)).toBe(name);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
