import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMessage,
  encodeQuery,
  MAX_MESSAGE_BYTES,
  nameLabels,
  RR_TYPE,
  sameName,
} from '../../../src/dns/wire.js';
import {
  buildMessage,
  cnameRdata,
  encodeName,
  mxRdata,
  pointer,
  TYPE,
  txtRdata,
} from '../../helpers/dns-message.js';

const HEADER = [0, 0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0];

function fail(bytes: Uint8Array | number[]): string {
  const result = decodeMessage(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
  if (result.ok) throw new Error('expected a malformed message');
  return result.reason;
}

describe('encodeQuery (RFC 1035 §4.1)', () => {
  it('writes header, question and an EDNS(0) OPT record', () => {
    const q = encodeQuery('_dmarc.Example.com.', RR_TYPE.TXT);
    expect(q).toBeInstanceOf(Uint8Array);
    const bytes = q as Uint8Array;
    expect([...bytes.subarray(0, 12)]).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect([...bytes.subarray(12, 12 + 20)]).toEqual(encodeName('_dmarc.Example.com'));
    expect([...bytes.subarray(32, 36)]).toEqual([0, 16, 0, 1]);
    expect([...bytes.subarray(36)]).toEqual([0, 0, 41, 0x10, 0x00, 0, 0, 0, 0, 0, 0]);
  });

  it('honours the ID and can leave EDNS out', () => {
    const bytes = encodeQuery('a.test', RR_TYPE.MX, {
      id: 0xbeef,
      ednsPayloadSize: 0,
    }) as Uint8Array;
    expect(bytes[0]).toBe(0xbe);
    expect(bytes[1]).toBe(0xef);
    expect(bytes[11]).toBe(0);
    expect(bytes.length).toBe(12 + 8 + 4);
  });

  it('decodes back to the same question', () => {
    const bytes = encodeQuery('_dmarc.example.com', RR_TYPE.TXT) as Uint8Array;
    const decoded = decodeMessage(bytes);
    expect(decoded.ok && decoded.message.questions).toEqual([
      { name: '_dmarc.example.com', type: 16, class: 1 },
    ]);
  });

  it('refuses names that cannot be encoded', () => {
    expect(encodeQuery('a..b', 16)).toBe('empty-label');
    expect(encodeQuery(`${'a'.repeat(64)}.b`, 16)).toBe('label-too-long');
    expect(encodeQuery(Array.from({ length: 128 }, () => 'a').join('.'), 16)).toBe('name-too-long');
    expect(encodeQuery('a b.test', 16)).toBe('bad-character');
    expect(encodeQuery('bücher.test', 16)).toBe('bad-character');
  });

  it('accepts a name of exactly 255 octets and the root', () => {
    // 4 labels of 63 octets: 4 * 64 + 1 = 257 octets is too long; 3 of 63 and one of 61 is 255.
    const name = ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.');
    expect(nameLabels(name)).toHaveLength(4);
    expect(nameLabels(`${name}e`)).toBe('name-too-long');
    expect(nameLabels('.')).toEqual([]);
  });
});

describe('decodeMessage: well-formed answers', () => {
  it('decodes TXT chunks, MX and CNAME records', () => {
    const msg = buildMessage({
      questions: [{ name: 'x.test', type: TYPE.TXT }],
      answers: [
        { name: 'x.test', type: TYPE.CNAME, rdata: cnameRdata('y.test') },
        { name: 'y.test', type: TYPE.TXT, rdata: txtRdata(['a', '', 'b c']) },
        { name: 'y.test', type: TYPE.MX, rdata: mxRdata(5, 'mx.y.test') },
        { name: 'y.test', type: TYPE.A, rdata: [192, 0, 2, 1] },
      ],
    });
    const decoded = decodeMessage(msg);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.message.answers.map((r) => r.data)).toEqual([
      'y.test',
      ['a', '', 'b c'],
      { priority: 5, exchange: 'mx.y.test' },
      null,
    ]);
    expect(decoded.message).toMatchObject({ id: 0, qr: true, opcode: 0, tc: false, rcode: 0 });
  });

  it('follows compression pointers to earlier names', () => {
    // Question name at offset 12; the answer owner is a pointer to it, the MX exchange is
    // "mx" followed by a pointer to the question name.
    const bytes = [
      ...HEADER,
      ...encodeName('example.test'),
      0,
      15,
      0,
      1,
      ...pointer(12),
      0,
      15,
      0,
      1,
      0,
      0,
      0,
      60,
      0,
      7,
      0,
      10,
      2,
      109,
      120,
      ...pointer(12),
    ];
    const decoded = decodeMessage(Uint8Array.from(bytes));
    expect(decoded.ok && decoded.message.answers[0]).toMatchObject({
      name: 'example.test',
      ttl: 60,
      data: { priority: 10, exchange: 'mx.example.test' },
    });
  });

  it('escapes dots, backslashes and unprintable octets inside labels', () => {
    const bytes = [
      ...HEADER.slice(0, 6),
      0,
      0,
      0,
      0,
      0,
      0,
      3,
      97,
      46,
      98,
      2,
      92,
      0,
      0,
      0,
      16,
      0,
      1,
    ];
    const decoded = decodeMessage(Uint8Array.from(bytes));
    expect(decoded.ok && decoded.message.questions[0]?.name).toBe('a\\.b.\\\\\\000');
  });

  it('reads TXT octets as latin1', () => {
    const msg = buildMessage({
      questions: [{ name: 'x.test', type: TYPE.TXT }],
      answers: [{ name: 'x.test', type: TYPE.TXT, rdata: [2, 0xc3, 0xbc] }],
    });
    const decoded = decodeMessage(msg);
    expect(decoded.ok && decoded.message.answers[0]?.data).toEqual(['\u00c3\u00bc']);
  });
});

describe('decodeMessage: malformed input is rejected, never thrown', () => {
  it('rejects a message shorter than its header', () => {
    expect(fail([0, 0, 0x81])).toMatch(/header/);
  });

  it('rejects a message over 65,535 bytes', () => {
    expect(fail(new Uint8Array(MAX_MESSAGE_BYTES + 1))).toMatch(/too large/);
  });

  it('rejects a compression pointer to itself (a loop)', () => {
    expect(fail([...HEADER, ...pointer(12), 0, 16, 0, 1])).toMatch(/backwards/);
  });

  it('rejects two pointers that point at each other', () => {
    // Offset 12 points to 14, offset 14 points to 12.
    expect(fail([...HEADER, ...pointer(14), ...pointer(12), 0, 16, 0, 1])).toMatch(/backwards/);
  });

  it('rejects a pointer back into the labels already read (a loop after a jump)', () => {
    // Question at 12: label "a" then a pointer to 12 itself via an earlier jump target.
    expect(fail([...HEADER, 1, 97, ...pointer(12), 0, 16, 0, 1])).toMatch(/backwards/);
  });

  it('rejects a pointer past the end', () => {
    expect(fail([...HEADER, 0xc0])).toMatch(/past the end/);
  });

  it('rejects a label running past the end', () => {
    expect(fail([...HEADER, 10, 97, 98])).toMatch(/past the end/);
  });

  it('rejects a name without its terminating zero', () => {
    expect(fail([...HEADER, 1, 97])).toMatch(/past the end/);
  });

  it('rejects the reserved label types 0x40 and 0x80', () => {
    expect(fail([...HEADER, 0x41, 97, 0, 0, 16, 0, 1])).toMatch(/label type/);
    expect(fail([...HEADER, 0x81, 97, 0, 0, 16, 0, 1])).toMatch(/label type/);
  });

  it('rejects a name longer than 255 octets, also when built from pointers', () => {
    const long = Array.from({ length: 5 }, () => [63, ...new Array(63).fill(97)]).flat();
    expect(fail([...HEADER, ...long, 0, 0, 16, 0, 1])).toMatch(/255/);
    // 4 labels of 63 at offset 12, then a name of 63 + pointer: 64 + 4 * 64 + 1 > 255.
    const four = Array.from({ length: 4 }, () => [63, ...new Array(63).fill(98)]).flat();
    const bytes = [
      ...HEADER.slice(0, 4),
      0,
      2,
      0,
      0,
      0,
      0,
      0,
      0,
      ...four.slice(0, 64 * 3),
      0,
      0,
      16,
      0,
      1,
      ...four.slice(0, 64),
      ...pointer(12),
      0,
      16,
      0,
      1,
    ];
    expect(fail(bytes)).toMatch(/255/);
  });

  it('rejects a question cut short', () => {
    expect(fail([...HEADER, 0, 0, 16])).toMatch(/question/);
  });

  it('rejects counts the message cannot hold', () => {
    const msg = buildMessage({ questions: [{ name: 'x.test', type: 16 }], counts: { an: 65535 } });
    expect(fail(msg)).toMatch(/past the end/);
  });

  it('rejects RDLENGTH past the end', () => {
    const msg = buildMessage({
      questions: [{ name: 'x.test', type: 16 }],
      answers: [{ name: 'x.test', type: 16, rdata: txtRdata(['abc']), rdlength: 200 }],
    });
    expect(fail(msg)).toMatch(/record data/);
  });

  it('rejects a record header cut short', () => {
    const msg = buildMessage({ questions: [{ name: 'x.test', type: 16 }] });
    expect(fail([...msg.slice(0, 7), 1, ...msg.slice(8), ...encodeName('x.test'), 0, 16])).toMatch(
      /record header/,
    );
  });

  it('rejects a TXT string longer than its record', () => {
    const msg = buildMessage({
      questions: [{ name: 'x.test', type: 16 }],
      answers: [{ name: 'x.test', type: 16, rdata: [5, 97, 98] }],
    });
    expect(fail(msg)).toMatch(/TXT string/);
  });

  it('rejects MX and CNAME data whose length does not match', () => {
    const shortMx = buildMessage({
      questions: [{ name: 'x.test', type: 15 }],
      answers: [{ name: 'x.test', type: 15, rdata: [0, 10] }],
    });
    expect(fail(shortMx)).toMatch(/MX/);
    const longMx = buildMessage({
      questions: [{ name: 'x.test', type: 15 }],
      answers: [{ name: 'x.test', type: 15, rdata: [...mxRdata(10, 'a.test'), 7] }],
    });
    expect(fail(longMx)).toMatch(/MX record length/);
    const cname = buildMessage({
      questions: [{ name: 'x.test', type: 16 }],
      answers: [{ name: 'x.test', type: 5, rdata: [...cnameRdata('a.test'), 1, 2] }],
    });
    expect(fail(cname)).toMatch(/CNAME record length/);
  });

  it('rejects an MX exchange whose labels run past its RDATA', () => {
    const msg = buildMessage({
      questions: [{ name: 'x.test', type: 15 }],
      answers: [
        { name: 'x.test', type: 15, rdata: [0, 10, 5, 97], rdlength: 4 },
        { name: 'x.test', type: 1, rdata: [1, 2, 3, 4] },
      ],
    });
    expect(fail(msg)).toMatch(/past the end/);
  });

  it('never throws on arbitrary bytes (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const result = decodeMessage(bytes);
        expect(typeof result.ok).toBe('boolean');
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });

  it('never throws on mutated valid answers (fast-check, fixed seed)', () => {
    const valid = buildMessage({
      questions: [{ name: '_dmarc.example.test', type: TYPE.TXT }],
      answers: [
        { name: [...pointer(12)], type: TYPE.CNAME, rdata: cnameRdata('t.example.test') },
        { name: 't.example.test', type: TYPE.TXT, rdata: txtRdata(['v=DMARC1; p=none']) },
        { name: 't.example.test', type: TYPE.MX, rdata: [0, 1, 2, 109, 120, ...pointer(12)] },
      ],
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }),
        (edits) => {
          const bytes = valid.slice();
          for (const [at, value] of edits) bytes[at] = value;
          const result = decodeMessage(bytes);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('caps pointer chains, so hostile chains cost linear time', () => {
    // Question i is only a pointer to question i-1's name: without a cap on jumps, name i would
    // take i steps and the message quadratic time. With it, the 128th question is rejected.
    const bytes: number[] = [0, 0, 0x81, 0x80, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 16, 0, 1];
    let previous = 12;
    while (bytes.length + 6 <= 60_000) {
      const here = bytes.length;
      bytes.push(...pointer(previous), 0, 16, 0, 1);
      previous = here;
    }
    expect(fail(bytes)).toMatch(/too many compression pointers/);
  });

  it('decodes thousands of names that share suffixes through pointers', () => {
    // Each question is a label plus a pointer to one of the first 50 names, the shape real
    // compressed answers have; all decode, each in a bounded number of steps.
    const bytes: number[] = [0, 0, 0x81, 0x80, 0, 0, 0, 0, 0, 0, 0, 0];
    const starts: number[] = [];
    bytes.push(...encodeName('example.test'), 0, 16, 0, 1);
    starts.push(12);
    while (bytes.length + 8 <= 60_000) {
      starts.push(bytes.length);
      bytes.push(1, 97, ...pointer(starts[Math.min(starts.length - 2, 49)]!), 0, 16, 0, 1);
    }
    bytes[4] = (starts.length >> 8) & 0xff;
    bytes[5] = starts.length & 0xff;
    const decoded = decodeMessage(Uint8Array.from(bytes));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.message.questions).toHaveLength(starts.length);
      expect(decoded.message.questions[1]?.name).toBe('a.example.test');
      expect(decoded.message.questions.at(-1)?.name).toBe(`${'a.'.repeat(50)}example.test`);
    }
  });
});

describe('sameName', () => {
  it('ignores ASCII case and one final dot, nothing else', () => {
    expect(sameName('Example.COM.', 'example.com')).toBe(true);
    expect(sameName('example.com', 'example.org')).toBe(false);
    expect(sameName('K.example', '\u212a.example')).toBe(false);
  });
});
