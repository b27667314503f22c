/**
 * Generates src/org-domain/psl-snapshot.generated.ts from data/public_suffix_list.dat with the
 * same compiler that `loadPublicSuffixList` runs (src/org-domain/psl.ts).
 *
 *   tsx scripts/generate-psl.ts              write the snapshot        (npm run psl:generate)
 *   tsx scripts/generate-psl.ts --check      fail if it is out of date (npm run psl:check)
 *   tsx scripts/generate-psl.ts --update F   copy F to data/, record its hash in data/SOURCE.md,
 *                                            then write the snapshot   (npm run psl:update -- F)
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePublicSuffixList, encodePublicSuffixRules } from '../src/org-domain/psl.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const datPath = join(root, 'data/public_suffix_list.dat');
const sourcePath = join(root, 'data/SOURCE.md');
const outPath = join(root, 'src/org-domain/psl-snapshot.generated.ts');

function render(dat: Buffer): string {
  const sha256 = createHash('sha256').update(dat).digest('hex');
  const rules = compilePublicSuffixList(dat.toString('utf8'));
  const encoded = encodePublicSuffixRules(rules);
  return [
    `// Generated from data/public_suffix_list.dat sha256:${sha256}; do not edit.`,
    '// Regenerate with `npm run psl:generate`; refresh the list with `npm run psl:update -- <file>`.',
    '//',
    '// Public Suffix List (https://publicsuffix.org/). This Source Code Form is subject to the',
    '// terms of the Mozilla Public License, v. 2.0. If a copy of the MPL was not distributed with',
    '// this file, You can obtain one at https://mozilla.org/MPL/2.0/.',
    '',
    `/** ${rules.icann.length} ICANN and ${rules.private.length} PRIVATE rules, as a label trie in text form (see psl.ts). */`,
    `export const PSL_SNAPSHOT: string = ${JSON.stringify(encoded)};`,
    '',
  ].join('\n');
}

function updateSource(from: string): void {
  copyFileSync(from, datPath);
  const dat = readFileSync(datPath);
  const sha256 = createHash('sha256').update(dat).digest('hex');
  const today = new Date().toISOString().slice(0, 10);
  const text = readFileSync(sourcePath, 'utf8')
    .replace(/^- sha256: .*$/m, `- sha256: \`${sha256}\``)
    .replace(/^- size: .*$/m, `- size: ${dat.length} bytes`)
    .replace(/^- imported: .*$/m, `- imported: ${today} from \`${from}\``);
  writeFileSync(sourcePath, text);
}

const args = process.argv.slice(2);
if (args[0] === '--update') {
  const from = args[1];
  if (from === undefined) {
    console.error('usage: npm run psl:update -- <path to public_suffix_list.dat>');
    process.exit(2);
  }
  updateSource(from);
}
const expected = render(readFileSync(datPath));
if (args[0] === '--check') {
  let actual = '';
  try {
    actual = readFileSync(outPath, 'utf8');
  } catch {
    // missing counts as different
  }
  if (actual !== expected) {
    console.error(`${outPath} is out of date: run npm run psl:generate`);
    process.exit(1);
  }
  console.log('PSL snapshot is up to date');
} else {
  writeFileSync(outPath, expected);
  console.log(`wrote ${outPath} (${expected.length} characters)`);
}
