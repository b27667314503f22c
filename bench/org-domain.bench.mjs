// Organizational-domain lookups: dmarc-kit's organizationalDomain against tldts getDomain
// (allowPrivateDomains), the `psl` package and parse-domain, on the same 100 000 realistic names:
// gTLDs, second-level ccTLDs, Japanese prefecture and city suffixes, wildcards and exceptions,
// private suffixes, IDN (Unicode and Punycode), upper case, trailing dots and junk.
//
// Contenders:
//   dmarc-kit organizationalDomain       - the shipped snapshot: toAsciiDomain, then tldts-core's
//                                          parseImpl with our lookup over the packed trie (tldts.ts);
//   dmarc-kit, list loaded at run time   - loadPublicSuffixList(data/public_suffix_list.dat);
//   tldts-core parseImpl + our lookup    - createSuffixLookup(list), the closure form, plugged
//                                          into tldts-core by hand, names pre-normalised by
//                                          toAsciiDomain (no Unicode-out step);
//   tldts getDomain                      - { allowPrivateDomains: true } (the peer to beat);
//   tldts getDomain, extractHostname off - tldts's fast mode, which skips lower-casing;
//   psl.get, parse-domain                - the other npm peers.
// Each row: ops/s (median of the rounds) and the ratio of dmarc-kit's default row to it. Sanity:
// the bench fails unless dmarc-kit agrees with tldts on every clean, lower-case ASCII name and
// with the PSL project's vectors. It also prints gzipped bundle sizes: the shipped list, and a
// bundle that only uses the tree walk (which must not contain the list).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadDmarcKit } from './load.mjs';
import { seededRandom } from './random.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const { module: kit, from } = await loadDmarcKit('org-domain');
const tldts = require('tldts');
const tldtsCore = require('tldts-core');
const psl = require('psl');
const { parseDomain, ParseResultType } = await import('parse-domain');

// ---- the corpus (deterministic) ----------------------------------------------------------------
const { rand, pick } = seededRandom(0x2545f491);
const words = ['mail', 'www', 'shop', 'news', 'app', 'api', 'cdn', 'login', 'm', 'eu', 'us', 'dev'];
const names = ['example', 'acme', 'contoso', 'fabrikam', 'globex', 'initech', 'umbrella', 'hooli'];
const sub = () => (rand() < 0.5 ? '' : `${pick(words)}.`) + (rand() < 0.3 ? `${pick(words)}.` : '');
const org = () => `${pick(names)}${Math.floor(rand() * 1000)}`;
const kinds = [
  [
    30,
    () => `${sub()}${org()}.${pick(['com', 'net', 'org', 'info', 'de', 'fr', 'nl', 'io', 'app'])}`,
  ],
  [
    14,
    () =>
      `${sub()}${org()}.${pick(['co.uk', 'org.uk', 'com.au', 'co.jp', 'com.br', 'co.nz', 'ac.jp', 'gov.uk'])}`,
  ],
  [
    8,
    () =>
      `${sub()}${org()}.${pick(['tokyo.jp', 'osaka.jp', 'chuo.tokyo.jp', 'kyoto.jp', 'naha.okinawa.jp', 'kawasaki.jp'])}`,
  ],
  [
    4,
    () =>
      pick([
        `${sub()}${org()}.ck`,
        `www.ck`,
        `${sub()}city.kawasaki.jp`,
        `${org()}.x.bd`,
        `a.${org()}.er`,
      ]),
  ],
  [
    10,
    () =>
      `${sub()}${org()}.${pick(['github.io', 'herokuapp.com', 'blogspot.com', 'netlify.app', 'pages.dev', 's3.amazonaws.com'])}`,
  ],
  [
    6,
    () =>
      pick([
        `${sub()}bücher${Math.floor(rand() * 99)}.de`,
        `www.食狮.公司.cn`,
        `${org()}.xn--55qx5d.cn`,
        `mail.例え.jp`,
        `xn--bcher-kva.de`,
      ]),
  ],
  [12, () => `${sub()}${org()}.${pick(['com', 'co.uk', 'github.io'])}`.toUpperCase()],
  [8, () => `${sub()}${org()}.${pick(['com', 'co.uk', 'org'])}.`],
  [
    8,
    () =>
      pick([
        '192.0.2.1',
        '10.0.0.1',
        'localhost',
        'com',
        '',
        'a..b.com',
        'exa mple.com',
        '[::1]',
        '.example.com',
        'co.uk',
        'example.com..',
      ]),
  ],
];
const total = kinds.reduce((n, [w]) => n + w, 0);
function makeName() {
  let r = rand() * total;
  for (const [w, make] of kinds) {
    r -= w;
    if (r < 0) return make();
  }
  return kinds[0][1]();
}
const SIZE = Number(process.env.BENCH_SIZE ?? 100_000);
const corpus = Array.from({ length: SIZE }, makeName);

// ---- sanity ------------------------------------------------------------------------------------
const runtimeList = kit.loadPublicSuffixList(
  readFileSync(join(root, 'data/public_suffix_list.dat'), 'utf8'),
);
let clean = 0;
let mismatches = 0;
for (const name of corpus) {
  if (
    !/^[a-z0-9.-]+$/.test(name) ||
    name.endsWith('.') ||
    name.includes('..') ||
    name.startsWith('.')
  )
    continue;
  if (/^[0-9.]+$/.test(name)) continue;
  clean++;
  const ours = kit.organizationalDomain(name);
  const theirs = tldts.getDomain(name, { allowPrivateDomains: true });
  if (ours !== theirs && !(ours === null && theirs === null)) {
    if (mismatches < 5) console.log(`  mismatch on ${name}: dmarc-kit ${ours}, tldts ${theirs}`);
    mismatches++;
  }
  if (kit.organizationalDomain(name, { psl: runtimeList }) !== ours) mismatches++;
}
for (const line of readFileSync(join(root, 'fixtures/psl/tests.txt'), 'utf8').split('\n')) {
  if (line.trim() === '' || line.startsWith('//')) continue;
  const [input, expected] = line.trim().split(/\s+/);
  const got = input === 'null' ? null : kit.organizationalDomain(input);
  if (got !== (expected === 'null' ? null : expected)) {
    console.log(`  PSL vector ${input}: expected ${expected}, got ${got}`);
    mismatches++;
  }
}

// ---- contenders --------------------------------------------------------------------------------
const lookup = kit.createSuffixLookup(runtimeList);
const result = tldtsCore.getEmptyResult();
const contenders = [
  ['dmarc-kit organizationalDomain', (d) => kit.organizationalDomain(d)],
  ['dmarc-kit, list loaded at run time', (d) => kit.organizationalDomain(d, { psl: runtimeList })],
  [
    'tldts-core parseImpl + createSuffixLookup',
    (d) => {
      const host = kit.toAsciiDomain(d);
      if (host === null) return null;
      tldtsCore.resetResult(result);
      // 3 is FLAG.DOMAIN (a const enum in tldts-core, so it has no run-time value)
      return tldtsCore.parseImpl(
        host,
        3,
        lookup,
        { allowPrivateDomains: true, extractHostname: false },
        result,
      ).domain;
    },
  ],
  ['tldts getDomain', (d) => tldts.getDomain(d, { allowPrivateDomains: true })],
  [
    'tldts getDomain, extractHostname off',
    (d) => tldts.getDomain(d, { allowPrivateDomains: true, extractHostname: false }),
  ],
  ['psl.get', (d) => psl.get(d)],
  [
    'parse-domain (first 2 000 names, 3 rounds: it is too slow for all)',
    (d) => {
      const r = parseDomain(d);
      return r.type === ParseResultType.Listed && r.domain !== undefined
        ? `${r.domain}.${r.topLevelDomains.join('.')}`
        : null;
    },
    { size: Math.min(SIZE, 2000), rounds: 3 },
  ],
];

const ROUNDS = 7;
const WARMUP = 2;
/** One timed pass of `fn` over the first `size` names: names per second. */
function pass(fn, size) {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < size; i++) if (fn(corpus[i]) !== null) sink++;
  const ms = performance.now() - start;
  if (sink < 0) throw new Error('unreachable');
  return (size / ms) * 1000;
}

console.log(
  `organizational domain of ${SIZE} names (dmarc-kit from ${from}); Node ${process.version}`,
);
// Rounds are interleaved (every contender once per round, in rotating order) so machine noise
// and the previous contender's garbage spread evenly;
// each row is the median of its rounds after the warm-up rounds.
const rows = contenders.map(([name, fn, opts]) => ({
  name,
  fn,
  size: opts?.size ?? SIZE,
  rounds: opts?.rounds ?? ROUNDS,
  rates: [],
}));
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  // The starting contender rotates, so no row always runs right after the same neighbour.
  const order = rows.map((_, i) => rows[(i + round) % rows.length]);
  for (const row of order) {
    if (round >= WARMUP + row.rounds) continue;
    const rate = pass(row.fn, row.size);
    if (round >= WARMUP) row.rates.push(rate);
  }
}
for (const row of rows) {
  row.rates.sort((a, b) => a - b);
  row.rate = row.rates[Math.floor(row.rates.length / 2)];
}
const ours = rows[0].rate;
const width = Math.max(...rows.map((r) => r.name.length));
for (const row of rows) {
  const ratio = ours / row.rate;
  console.log(
    `  ${row.name.padEnd(width)}  ${Math.round(row.rate).toLocaleString('en-US').padStart(11)} ops/s  dmarc-kit is ${ratio.toFixed(2)}x`,
  );
}

// ---- bundle sizes ------------------------------------------------------------------------------
async function bundleSize(contents) {
  // rolldown: the bundler behind tsdown and Vite, with Rollup's tree shaking.
  // test/package/bundle.test.ts checks the same with esbuild, from the packed package.
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { build } = await import('rolldown');
  const dir = join(root, '.tmp/org-domain-bundle');
  mkdirSync(dir, { recursive: true });
  const input = join(dir, `entry-${Math.floor(rand() * 1e9)}.ts`);
  writeFileSync(input, contents);
  const result = await build({
    input,
    write: false,
    platform: 'browser',
    output: { format: 'esm', minify: true },
    logLevel: 'silent',
  });
  const chunks = new Map(
    result.output.filter((o) => o.type === 'chunk').map((o) => [o.fileName, o]),
  );
  // What a page loads up front: the entry and the chunks it imports statically. Chunks behind a
  // dynamic import() load only when that code runs.
  const upFront = new Set();
  const visit = (name) => {
    if (upFront.has(name) || !chunks.has(name)) return;
    upFront.add(name);
    for (const imported of chunks.get(name).imports) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  let entry = 0;
  let all = 0;
  let text = '';
  for (const [name, chunk] of chunks) {
    const size = gzipSync(chunk.code).length;
    all += size;
    if (upFront.has(name)) {
      entry += size;
      text += chunk.code;
    }
  }
  return { entry, all, text };
}
const treeWalkOnly = await bundleSize(
  `import { discoverPolicy } from '${join(root, 'src/org-domain/index.ts')}'; export { discoverPolicy };`,
);
const withList = await bundleSize(
  `import { organizationalDomain } from '${join(root, 'src/org-domain/index.ts')}'; export { organizationalDomain };`,
);
const tldtsSize = gzipSync(readFileSync(require.resolve('tldts/dist/index.esm.min.js'))).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log('bundle sizes (rolldown, minified, gzipped; what a page loads up front):');
console.log(`  organizationalDomain with the shipped list  ${kib(withList.entry)}`);
console.log(`  tldts (index.esm.min.js)                    ${kib(tldtsSize)}`);
console.log(
  `  discoverPolicy, tree walk only (entry)      ${kib(treeWalkOnly.entry)} (PSL method chunk loaded on demand: ${kib(treeWalkOnly.all - treeWalkOnly.entry)})`,
);
const listInTreeWalk = treeWalkOnly.text.includes('kawasaki');

console.log(`sanity: ${clean} clean names compared with tldts, ${mismatches} mismatches`);
let failed = false;
if (mismatches > 0) {
  console.error('FAIL: dmarc-kit disagrees with tldts or the PSL vectors');
  failed = true;
}
if (listInTreeWalk) {
  console.error('FAIL: the tree-walk-only bundle contains the PSL snapshot');
  failed = true;
}
if (withList.entry > tldtsSize) {
  console.error('FAIL: organizationalDomain with the shipped list bundles larger than tldts');
  failed = true;
}
process.exit(failed ? 1 : 0);
