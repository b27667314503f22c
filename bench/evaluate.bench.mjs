// DMARC evaluation per message: dmarc-kit's evaluate() against mailauth's DMARC verification
// (mailauth 4.13.3, lib/dmarc/verify.js), fed the same 5,000 messages through the same
// in-memory zone (one Map behind two resolver shapes), counting DNS queries per message.
//
// The mix (deterministic): author domains under .com/.net/.org/.co.uk/.de, with records at the
// organizational domain (most), at the exact subdomain, nowhere, with duplicate DMARC records,
// with non-DMARC TXT only, with np and names that do not exist, and names whose lookups time
// out (the resolver rejects with ETIMEOUT at once); repeated senders; SPF pass/fail/softfail
// for the author domain, a bounce subdomain or a third party; 0-2 DKIM signatures (aligned,
// subdomain, third-party ESP; pass or fail).
//
// Contenders:
//   dmarc-kit, PSL method (RFC 7489 mode)    - two queries at most, alignment by the PSL;
//   dmarc-kit, tree walk (RFC 9989, default) - the full walk to the TLD, organizational-domain
//                                              walks for relaxed DKIM/SPF domains, np existence;
//   mailauth verifyDmarc                     - the peer (RFC 7489 with tldts);
//   dmarc-kit discoverPolicy alone (PSL)     - policy discovery only, to show where time goes;
//   the resolver alone                       - one lookup per call, the ceiling.
// Goal (issue 5): PSL mode >= 2x mailauth; tree walk >= mailauth, measured with a fresh Error for
// every failed lookup (NXDOMAIN and NODATA are rejections, so most lookups of a tree walk fail).
// V8 records the stack of every new Error, at a cost per frame, so a resolver that throws on the
// caller's stack charges the caller for its depth: evaluate therefore sends each lookup from a
// microtask of its own (src/evaluate/memo-resolver.ts), and the tree walk, with 1.87 failures per
// message against mailauth's 0.64, still pays most of its extra time there. A second table
// reuses one Error per failing name, as the caching resolver does, to show the rest of the work.
// Sanity: dmarc-kit (PSL mode) and mailauth must agree on pass/fail/none/temperror for every
// message where mailauth's known deviations do not apply, or the bench fails.
import { createRequire } from 'node:module';
import { loadDmarcKit } from './load.mjs';
import { seededRandom } from './random.mjs';

const require = createRequire(import.meta.url);

const { module: kit, from } = await loadDmarcKit();
const verifyDmarc = require('mailauth/lib/dmarc/verify.js');

// ---- deterministic corpus ---------------------------------------------------------------------
const { rand, pick } = seededRandom(0x9e3779b9);
const tlds = ['com', 'com', 'com', 'net', 'org', 'co.uk', 'de'];
const zone = new Map(); // name -> { txt?: string[][], error?: string }
const exists = new Set(); // names that exist (for NODATA vs NXDOMAIN)
function addName(name, entry) {
  zone.set(name, entry);
  let at = name;
  for (;;) {
    exists.add(at);
    const dot = at.indexOf('.');
    if (dot < 0) break;
    at = at.slice(dot + 1);
  }
}
const policies = ['none', 'none', 'quarantine', 'reject', 'reject'];
const orgs = [];
for (let i = 0; i < 1000; i++) {
  const domain = `org${i}.${pick(tlds)}`;
  const r = rand();
  const kind =
    r < 0.55
      ? 'org'
      : r < 0.65
        ? 'exact'
        : r < 0.83
          ? 'none'
          : r < 0.88
            ? 'timeout'
            : r < 0.91
              ? 'duplicate'
              : r < 0.95
                ? 'np'
                : 'other-txt';
  const p = pick(policies);
  const rec = `v=DMARC1; p=${p}${rand() < 0.3 ? '; sp=quarantine' : ''}${rand() < 0.2 ? '; adkim=s' : ''}${
    rand() < 0.1 ? '; aspf=s' : ''
  }; rua=mailto:dmarc@${domain}`;
  addName(`mail.${domain}`, { txt: [['v=spf1 -all']] });
  addName(`www.${domain}`, { txt: [['site-verification=x']] });
  if (kind === 'org') addName(`_dmarc.${domain}`, { txt: [[rec]] });
  if (kind === 'exact') {
    addName(`_dmarc.${domain}`, { txt: [[rec]] });
    addName(`_dmarc.news.${domain}`, { txt: [['v=DMARC1; p=reject']] });
  }
  if (kind === 'timeout') addName(`_dmarc.${domain}`, { error: 'ETIMEOUT' });
  if (kind === 'duplicate')
    addName(`_dmarc.${domain}`, { txt: [['v=DMARC1; p=reject'], ['v=DMARC1; p=none']] });
  if (kind === 'np')
    addName(`_dmarc.${domain}`, { txt: [[`v=DMARC1; p=${p}; sp=none; np=reject`]] });
  if (kind === 'other-txt')
    addName(`_dmarc.${domain}`, { txt: [['google-site-verification=abc']] });
  orgs.push({ domain, kind });
}
const esps = ['sendgrid.net', 'amazonses.com', 'mailchimpapp.net', 'sparkpostmail.com'];
for (const esp of esps) addName(`_dmarc.${esp}`, { txt: [['v=DMARC1; p=reject']] });

function makeMessage() {
  // a few busy senders account for many messages (duplicates)
  const org = rand() < 0.3 ? orgs[Math.floor(rand() * 20)] : pick(orgs);
  const d = org.domain;
  const r = rand();
  const author =
    r < 0.6
      ? d
      : r < 0.75
        ? `news.${d}`
        : r < 0.9
          ? `mail.${d}`
          : `nx${Math.floor(rand() * 50)}.${d}`;
  const s = rand();
  const spfDomain =
    s < 0.45 ? author : s < 0.7 ? `bounce.${d}` : `${Math.floor(rand() * 999)}.${pick(esps)}`;
  const spfResult = rand() < 0.8 ? 'pass' : pick(['fail', 'softfail', 'neutral', 'none']);
  const dkim = [];
  const n = rand() < 0.15 ? 0 : rand() < 0.75 ? 1 : 2;
  for (let i = 0; i < n; i++) {
    const k = rand();
    const domain = k < 0.55 ? d : k < 0.7 ? `mail.${d}` : pick(esps);
    dkim.push({ domain, result: rand() < 0.88 ? 'pass' : 'fail', selector: `s${i}` });
  }
  return {
    from: `User <user@${author}>`,
    address: `user@${author}`,
    spf: { domain: spfDomain, result: spfResult },
    dkim,
  };
}
const messages = Array.from({ length: 5000 }, makeMessage);

// ---- one zone, two resolver shapes, counting queries --------------------------------------------
let queries = 0;
// Second measurement: each failure's Error made once per name and reused, as the caching
// resolver (src/dns/caching.ts) does for a cached negative answer. A fresh Error costs a stack
// capture (up to ten frames, each optimised frame decoded) on whatever stack the resolver runs:
// both contenders pay it for every failed lookup in the first table.
let reuseErrors = false;
const errors = new Map();
function failure(code, message) {
  if (!reuseErrors) return Object.assign(new Error(message), { code });
  let e = errors.get(message);
  if (e === undefined) {
    e = Object.assign(new Error(message), { code });
    errors.set(message, e);
  }
  return e;
}
function lookup(name) {
  queries++;
  const key = name.toLowerCase();
  const entry = zone.get(key);
  if (entry?.error) throw failure(entry.error, `${entry.error} ${name}`);
  if (entry?.txt) return entry.txt.map((r) => r.slice());
  throw failure(exists.has(key) ? 'ENODATA' : 'ENOTFOUND', `no data ${name}`);
}
const kitResolver = { resolveTxt: async (name) => lookup(name) };
const mailauthResolver = async (name, type) => {
  if (type !== 'TXT') throw Object.assign(new Error('unsupported'), { code: 'ENOTIMP' });
  return lookup(name);
};

// ---- contenders ---------------------------------------------------------------------------------
const contenders = {
  'dmarc-kit, PSL method (RFC 7489)': (m) =>
    kit.evaluate(
      { from: m.from, spf: m.spf, dkim: m.dkim },
      { resolver: kitResolver, method: 'psl', random: () => 0.5 },
    ),
  'dmarc-kit, tree walk (RFC 9989)': (m) =>
    kit.evaluate({ from: m.from, spf: m.spf, dkim: m.dkim }, { resolver: kitResolver }),
  'mailauth verifyDmarc': (m) =>
    verifyDmarc({
      headerFrom: [m.address],
      spfDomains: m.spf.result === 'pass' ? [m.spf.domain] : [],
      dkimDomains: m.dkim.filter((x) => x.result === 'pass').map((x) => ({ domain: x.domain })),
      resolver: mailauthResolver,
    }),
  'dmarc-kit discoverPolicy alone (PSL)': (m) =>
    kit.discoverPolicy(m.address.slice(m.address.indexOf('@') + 1), {
      resolver: kitResolver,
      method: 'psl',
    }),
  'the resolver alone (one lookup)': (m) =>
    kitResolver.resolveTxt(`_dmarc.${m.address.slice(5)}`).catch(() => null),
};

async function runAll(fn) {
  const out = new Array(messages.length);
  for (let i = 0; i < messages.length; i++) out[i] = await fn(messages[i]);
  return out;
}

// ---- sanity ------------------------------------------------------------------------------------
const kitPsl = await runAll(contenders['dmarc-kit, PSL method (RFC 7489)']);
const kitWalk = await runAll(contenders['dmarc-kit, tree walk (RFC 9989)']);
const peer = await runAll(contenders['mailauth verifyDmarc']);
const tally = (list, get) => {
  const counts = {};
  for (const r of list) counts[get(r)] = (counts[get(r)] ?? 0) + 1;
  return counts;
};
console.log(
  `dmarc-kit loaded from ${from}; ${messages.length} messages, ${zone.size} names in the zone`,
);
console.log('results, PSL method:', JSON.stringify(tally(kitPsl, (r) => r.result)));
console.log('results, tree walk: ', JSON.stringify(tally(kitWalk, (r) => r.result)));
console.log('results, mailauth:  ', JSON.stringify(tally(peer, (r) => r.status.result)));
let compared = 0;
const disagreements = [];
for (let i = 0; i < messages.length; i++) {
  const ours = kitPsl[i];
  const theirs = peer[i];
  // mailauth's known deviations: its strict mode compares the PSL organizational domain of the
  // authenticated domain with the author domain; it ignores adkim/aspf on none; it applies no
  // p=invalid/rua rule. Skip strict records and records without a usable p.
  if (ours.record && (ours.record.adkim === 's' || ours.record.aspf === 's')) continue;
  compared++;
  if (ours.result !== theirs.status.result)
    disagreements.push({
      i,
      ours: ours.result,
      theirs: theirs.status.result,
      from: messages[i].address,
    });
}
console.log(
  `agreement with mailauth (PSL mode, relaxed records): ${compared - disagreements.length}/${compared}`,
);
if (disagreements.length > 0) {
  console.error('disagreements (first 5):', disagreements.slice(0, 5));
  process.exitCode = 1;
}
if (
  !kitWalk.some((r) => r.policySource === 'np') ||
  !kitWalk.some((r) => r.result === 'temperror')
) {
  console.error('the mix lacks np or temperror cases');
  process.exitCode = 1;
}

// ---- timing: rounds interleave the contenders, so a noisy neighbour slows them all alike ----------
const ROUNDS = 9;
async function time(names) {
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const perMessageOf = {};
  for (const name of names) await runAll(contenders[name]); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      queries = 0;
      const t0 = performance.now();
      await runAll(contenders[name]);
      const ms = performance.now() - t0;
      samples[name].push((messages.length / ms) * 1000);
      perMessageOf[name] = queries / messages.length;
    }
  }
  const results = {};
  for (const name of names) {
    const rates = samples[name].sort((a, b) => a - b);
    results[name] = { rate: rates[Math.floor(ROUNDS / 2)], perMessage: perMessageOf[name] };
  }
  const peerRate = results['mailauth verifyDmarc'].rate;
  console.log('contender                              messages/s   queries/msg   vs mailauth');
  for (const [name, { rate, perMessage }] of Object.entries(results)) {
    console.log(
      `${name.padEnd(38)} ${Math.round(rate).toLocaleString('en').padStart(10)}   ${perMessage.toFixed(2).padStart(11)}   ${(rate / peerRate).toFixed(2).padStart(10)}x`,
    );
  }
  const pslRatio = results['dmarc-kit, PSL method (RFC 7489)'].rate / peerRate;
  const walkRatio = results['dmarc-kit, tree walk (RFC 9989)'].rate / peerRate;
  return `PSL mode >= 2x mailauth (${pslRatio >= 2 ? 'met' : 'NOT met'}: ${pslRatio.toFixed(2)}x), tree walk >= 1x (${
    walkRatio >= 1 ? 'met' : 'NOT met'
  }: ${walkRatio.toFixed(2)}x)`;
}

console.log('\nA fresh Error for every failed lookup (the goal is measured here):');
const goal = await time(Object.keys(contenders));
console.log(`\ngoal: ${goal}`);
reuseErrors = true;
console.log(
  "\nThe same, with each failure's Error made once per name (as a caching resolver does):",
);
const reused = await time([
  'dmarc-kit, PSL method (RFC 7489)',
  'dmarc-kit, tree walk (RFC 9989)',
  'mailauth verifyDmarc',
]);
console.log(`\nwith reused errors: ${reused}`);
