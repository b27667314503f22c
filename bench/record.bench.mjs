// Record parsing: dmarc-kit's parseRecord against the npm peers that parse DMARC records, on the
// same 10 000-record labelled corpus (fixtures/records/corpus.mjs: valid, fixable, unusable).
//
// Contenders:
//   dmarc-kit parseRecord          - sync, full receiver rules and owner diagnostics;
//   dmarc-kit via async lookup     - the same behind the lookup shape mailauth has (an async
//                                    in-memory resolver, then parse), the like-for-like row;
//   mailauth getDmarcRecord        - mailauth 4.13.3's record lookup (lib/dmarc/get-dmarc-record.js)
//                                    fed by an in-memory resolver;
//   dmarc-parse                    - sync parse; accepted when it reports no messages;
//   dmarc-solution parse           - async parse; accepted when it does not throw.
// Every row reports ops/s, dmarc-kit's speed ratio to it, and how many records it accepts that a
// receiver must ignore (wrong accepts) or ignores that a receiver uses (wrong rejects), against
// the corpus labels. The bench fails when dmarc-kit disagrees with a single label.
import { createRequire } from 'node:module';
import { buildRecordCorpus } from '../fixtures/records/corpus.mjs';
import { loadDmarcKit } from './load.mjs';

const require = createRequire(import.meta.url);

const { module: kit, from } = await loadDmarcKit('record');
const getDmarcRecord = require('mailauth/lib/dmarc/get-dmarc-record.js');
const dmarcParse = require('dmarc-parse');
const dmarcSolution = require('dmarc-solution');

const SIZE = 10_000;
const ROUNDS = 9;
const WARMUP = 2;
const corpus = buildRecordCorpus(SIZE);

// One in-memory "zone": the record under test answers at _dmarc.<domain>, every other name is
// NXDOMAIN, as node:dns reports it.
let current = '';
let currentName = '';
function notFound(name) {
  const error = new Error(`queryTxt ENOTFOUND ${name}`);
  error.code = 'ENOTFOUND';
  return error;
}
const resolver = async (name) => {
  if (name === currentName) return [[current]];
  throw notFound(name);
};

const contenders = [
  {
    name: 'dmarc-kit parseRecord',
    async: false,
    verdict: (e) => kit.parseRecord(e.text).ok,
  },
  {
    name: 'dmarc-kit via async lookup',
    async: true,
    verdict: async (e) => {
      current = e.text;
      currentName = `_dmarc.${e.domain}`;
      const answer = await resolver(currentName);
      return kit.parseRecord(answer[0].join('')).ok;
    },
  },
  {
    name: 'mailauth getDmarcRecord',
    async: true,
    verdict: async (e) => {
      current = e.text;
      currentName = `_dmarc.${e.domain}`;
      return Boolean(await getDmarcRecord(e.domain, resolver));
    },
  },
  {
    name: 'dmarc-parse',
    async: false,
    verdict: (e) => {
      try {
        return dmarcParse(e.text).messages === undefined;
      } catch {
        return false;
      }
    },
  },
  {
    name: 'dmarc-solution parse',
    async: true,
    verdict: async (e) => {
      try {
        await dmarcSolution.parse(e.text);
        return true;
      } catch {
        return false;
      }
    },
  },
];

// CPU time of this process (user + system), not wall-clock: on a shared 2-core machine other
// processes steal wall time unevenly, while the CPU time a pass takes stays comparable.
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function pass(contender) {
  const start = cpuMs();
  if (contender.async) {
    for (const e of corpus) await contender.verdict(e);
  } else {
    for (const e of corpus) contender.verdict(e);
  }
  return cpuMs() - start;
}

// Verdicts first (outside the timed passes).
for (const c of contenders) {
  c.wrongAccepts = 0;
  c.wrongRejects = 0;
  c.wrongExamples = [];
  for (const e of corpus) {
    const accepted = await c.verdict(e);
    if (accepted && !e.accept) c.wrongAccepts++;
    if (!accepted && e.accept) c.wrongRejects++;
    if (accepted !== e.accept && c.wrongExamples.length < 3) c.wrongExamples.push(e.text);
  }
  c.times = [];
}

// Interleaved rounds so drift on a noisy machine hits every contender alike.
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (const c of contenders) {
    const ms = await pass(c);
    if (round >= WARMUP) c.times.push(ms);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
for (const c of contenders) c.opsPerSec = SIZE / (median(c.times) / 1000);

const kinds = { valid: 0, fixable: 0, unusable: 0 };
for (const e of corpus) kinds[e.kind]++;
const mustIgnore = kinds.unusable;
let withDiagnostics = 0;
let diagnosticCount = 0;
for (const e of corpus) {
  const n = kit.parseRecord(e.text).diagnostics.length;
  diagnosticCount += n;
  if (n > 0) withDiagnostics++;
}

const ours = contenders[0];
const oursAsync = contenders[1];
console.log(`dmarc-kit loaded from ${from}; node ${process.version}`);
console.log(
  `corpus: ${SIZE} records (${kinds.valid} valid, ${kinds.fixable} fixable, ${kinds.unusable} unusable), ${ROUNDS} interleaved rounds after ${WARMUP} warm-up, median CPU time per pass`,
);
console.log(
  `dmarc-kit: ${diagnosticCount} diagnostics on ${withDiagnostics} records (every parse builds its full list)\n`,
);
const header = [
  'contender',
  'ops/s',
  'kit sync ÷',
  'kit async ÷',
  'wrong accepts',
  'wrong rejects',
];
const rows = contenders.map((c) => [
  c.name,
  Math.round(c.opsPerSec).toLocaleString('en-US'),
  `${(ours.opsPerSec / c.opsPerSec).toFixed(2)}x`,
  `${(oursAsync.opsPerSec / c.opsPerSec).toFixed(2)}x`,
  `${c.wrongAccepts} (${((100 * c.wrongAccepts) / mustIgnore).toFixed(0)}% of unusable)`,
  `${c.wrongRejects}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
console.log(
  "wrong accepts/rejects: against the corpus labels, which equal dmarc-kit's verdict on every record (checked below)\n",
);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log('');
// Non-ASCII shown as \uXXXX: the no-break space and the look-alikes are the point of these examples.
const show = (text) =>
  JSON.stringify(text).replace(
    /[^\x20-\x7e]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
for (const c of contenders.slice(2)) {
  if (c.wrongExamples.length > 0) {
    console.log(`${c.name} disagrees with the receiver verdict on e.g.:`);
    for (const t of c.wrongExamples) console.log(`  ${show(t)}`);
  }
}

const mailauth = contenders[2];

const ratio = oursAsync.opsPerSec / mailauth.opsPerSec;
console.log(
  `\ngoal (like for like, both behind an async lookup): >= 2x mailauth -> ${ratio.toFixed(2)}x ${ratio >= 2 ? 'met' : 'NOT met'}`,
);

if (ours.wrongAccepts + ours.wrongRejects + oursAsync.wrongAccepts + oursAsync.wrongRejects > 0) {
  console.error('SANITY FAILURE: dmarc-kit disagrees with the corpus labels:');
  for (const t of ours.wrongExamples) console.error(`  ${show(t)}`);
  process.exit(1);
}
