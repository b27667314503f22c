// The posture check: dmarc-kit's SPF record selection and lint against mailauth's spfVerify
// (mailauth 4.13.3, lib/spf/spf-verify.js), and checkDomain as a whole on the example zone.
//
// SPF contenders, fed the same 2,000 TXT sets (0-3 TXT records per domain, 0-2 of them SPF,
// 1-14 terms of ip4/ip6/a/mx/include/exists/redirect/exp and an all of any qualifier), from
// one in-memory Map behind both resolver shapes:
//   dmarc-kit selectSpfRecord   - RFC 7208 §4.5 selection + syntax lint (no evaluation);
//   mailauth spfVerify          - the peer: selection + parse + evaluation; its client IP is
//                                 chosen outside every network, and lookups of include, a, mx
//                                 and exists answer NXDOMAIN at once, so it does no more DNS
//                                 than the resolver's in-memory answer;
//   the resolver alone          - one lookup per domain, the ceiling.
// Sanity: both must agree on "none", "multiple SPF records" (mailauth: permerror) and on
// "found" for every domain, or the bench fails.
// checkDomain: the four example domains of fixtures/example/example.zone, static resolver.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDmarcKit } from './load.mjs';
import { seededRandom } from './random.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const { module: check, from } = await loadDmarcKit('check');
const { module: dns } = await loadDmarcKit('dns');
const { spfVerify } = require('mailauth/lib/spf/spf-verify.js');

// ---- deterministic corpus ---------------------------------------------------------------------
const { rand, pick } = seededRandom(0x2545f491);
const int = (n) => Math.floor(rand() * n);
function term() {
  const q = pick(['', '', '', '+', '-', '~', '?']);
  switch (int(9)) {
    case 0:
      return `ip4:192.0.2.${int(256)}`;
    case 1:
      return `ip4:198.51.100.0/${16 + int(17)}`;
    case 2:
      return `ip6:2001:db8:${int(65535).toString(16)}::/48`;
    case 3:
      return `${q}a`;
    case 4:
      return `${q}mx:mail${int(9)}.example.net`;
    case 5:
      return `include:_spf${int(99)}.example.com`;
    case 6:
      return `exists:%{i}.bl${int(9)}.example.org`;
    case 7:
      return `exp=explain.example.com`;
    default:
      return `ip4:203.0.113.${int(256)}`;
  }
}
function spfText() {
  const n = 1 + int(14);
  const terms = Array.from({ length: n }, term);
  const end = rand();
  if (end < 0.85) terms.push(`${pick(['-', '~', '~', '?', '+', ''])}all`);
  else if (end < 0.95) terms.push(`redirect=_spf.example.${pick(['com', 'net'])}`);
  return `v=spf1 ${terms.join(' ')}`;
}
const zone = new Map();
const domains = [];
for (let i = 0; i < 2000; i++) {
  const domain = `d${i}.example.${pick(['com', 'net', 'org'])}`;
  const records = [];
  const spfCount = pick([0, 1, 1, 1, 1, 1, 1, 2]);
  for (let k = 0; k < spfCount; k++) {
    const text = spfText();
    // Long records are split into 255-octet character-strings, as in DNS.
    const chunks = [];
    for (let at = 0; at < text.length; at += 255) chunks.push(text.slice(at, at + 255));
    records.push(chunks);
  }
  for (let k = int(3); k > 0; k--) records.push([`site-verification=${int(1e9)}`]);
  zone.set(domain, records);
  domains.push(domain);
}
const notFound = (name) => Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
const kitResolver = {
  resolveTxt: async (name) => {
    const records = zone.get(name);
    if (records === undefined) throw notFound(name);
    if (records.length === 0) throw Object.assign(new Error('ENODATA'), { code: 'ENODATA' });
    return records;
  },
};
const mailauthResolver = async (name, type) => {
  if (type === 'TXT') return kitResolver.resolveTxt(name);
  throw notFound(name);
};

async function runKit(domain) {
  let outcome;
  try {
    outcome = { kind: 'answer', value: await kitResolver.resolveTxt(domain) };
  } catch (error) {
    outcome = { kind: error.code === 'ENODATA' ? 'nodata' : 'nxdomain' };
  }
  return check.selectSpfRecord(outcome, domain).status;
}
async function runMailauth(domain) {
  try {
    await spfVerify(domain, {
      ip: '100.64.0.1',
      sender: `postmaster@${domain}`,
      resolver: mailauthResolver,
    });
    return 'found';
  } catch (error) {
    const kind = error.spfResult?.error;
    if (kind === 'none') return 'none';
    if (kind === 'permerror' && /multiple SPF records/.test(error.spfResult.text))
      return 'multiple';
    return 'found'; // other permerrors: a record was selected, then judged invalid
  }
}
async function runResolver(domain) {
  try {
    return (await kitResolver.resolveTxt(domain)).length;
  } catch {
    return 0;
  }
}

// ---- sanity ---------------------------------------------------------------------------------
let disagreements = 0;
for (const domain of domains) {
  const [a, b] = [await runKit(domain), await runMailauth(domain)];
  if (a !== b) {
    disagreements++;
    if (disagreements <= 5) console.error(`disagree on ${domain}: dmarc-kit ${a}, mailauth ${b}`);
  }
}
if (disagreements > 0) {
  console.error(`sanity check failed: ${disagreements} disagreements`);
  process.exit(1);
}

// ---- timing ---------------------------------------------------------------------------------
async function measure(fn, rounds = 5) {
  for (const d of domains) await fn(d); // warm-up
  const rates = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (const d of domains) await fn(d);
    rates.push(domains.length / ((performance.now() - start) / 1000));
  }
  rates.sort((x, y) => x - y);
  return rates[Math.floor(rates.length / 2)];
}
const kit = await measure(runKit);
const peer = await measure(runMailauth);
const ceiling = await measure(runResolver);
const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(10);
console.log(`dmarc-kit check from ${from}; ${domains.length} domains, median of 5 rounds`);
console.log(`SPF record selection and lint (ops/s):`);
console.log(`  dmarc-kit selectSpfRecord  ${fmt(kit)}  ${(kit / peer).toFixed(2)}x mailauth`);
console.log(`  mailauth spfVerify         ${fmt(peer)}  1.00x`);
console.log(
  `  resolver alone             ${fmt(ceiling)}  ${(ceiling / peer).toFixed(2)}x mailauth`,
);

// checkDomain on the example zone.
const zoneText = readFileSync(join(root, 'fixtures/example/example.zone'), 'utf8');
const resolver = dns.createStaticResolver(zoneText);
const names = ['example.com', 'shop.example.com', 'example.net', 'example.org'];
const expected = {
  'example.com': 'monitoring',
  'shop.example.com': 'quarantine',
  'example.net': 'reject',
  'example.org': 'reject',
};
for (const name of names) {
  const stage = (await check.checkDomain(name, { resolver })).stage;
  if (stage !== expected[name]) {
    console.error(`sanity check failed: ${name} is at ${stage}, expected ${expected[name]}`);
    process.exit(1);
  }
}
const rates = [];
for (let round = 0; round < 6; round++) {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < 400) {
    for (const name of names) await check.checkDomain(name, { resolver });
    n += names.length;
  }
  if (round > 0) rates.push(n / ((performance.now() - start) / 1000));
}
rates.sort((x, y) => x - y);
console.log(
  `checkDomain, example zone, static resolver (checks/s): ${fmt(rates[Math.floor(rates.length / 2)])}`,
);
