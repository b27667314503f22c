/**
 * Keeps the documentation honest (run with tsx, in `npm test`):
 * - every diagnostic code in a module catalogue (src/<module>/catalogue.ts) is in README's
 *   `## Diagnostics` tables with the same severity, and the tables list no other code;
 * - every module index.ts says which subpath exports it, and that subpath is in package.json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const problems: string[] = [];

interface Entry {
  severity: string;
  summary: string;
  spec: string;
}
const catalogue = new Map<string, Entry & { module: string }>();
for (const module of readdirSync(join(root, 'src'))) {
  const file = join(root, 'src', module, 'catalogue.ts');
  if (!existsSync(file)) continue;
  const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  for (const [name, table] of Object.entries(exports)) {
    if (!name.endsWith('_DIAGNOSTICS') || typeof table !== 'object' || table === null) continue;
    for (const [code, entry] of Object.entries(table as Record<string, Entry>)) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(code))
        problems.push(`${module}: code '${code}' is not kebab-case`);
      const earlier = catalogue.get(code);
      if (earlier && earlier.module !== module)
        problems.push(`code '${code}' is in both ${earlier.module} and ${module}`);
      catalogue.set(code, { ...entry, module });
    }
  }
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.split(/^## /m).find((s) => s.startsWith('Diagnostics')) ?? '';
const documented = new Map<string, string>();
for (const line of section.split('\n')) {
  const row = /^\|\s*`([^`]+)`\s*\|\s*(error|warning|info)\s*\|/.exec(line);
  if (row?.[1] && row[2]) documented.set(row[1], row[2]);
}
for (const [code, entry] of catalogue) {
  const severity = documented.get(code);
  if (severity === undefined)
    problems.push(`README: diagnostic '${code}' (${entry.module}) is not documented`);
  else if (severity !== entry.severity)
    problems.push(`README: '${code}' is ${entry.severity}, documented as ${severity}`);
}
for (const code of documented.keys()) {
  if (!catalogue.has(code)) problems.push(`README documents '${code}', which no catalogue has`);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
};
const indexes = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
  (f) => f.endsWith('index.ts') && f !== 'index.ts' && !f.startsWith('cli'),
);
for (const file of indexes) {
  const subpath = file.slice(0, -'/index.ts'.length);
  const text = readFileSync(join(root, 'src', file), 'utf8');
  const sentence =
    /Exported from `dmarc-kit`(?: and from)? `dmarc-kit\/([a-z/-]+)`|Exported from `dmarc-kit\/([a-z/-]+)`/.exec(
      text,
    );
  const named = sentence?.[1] ?? sentence?.[2];
  if (!named) problems.push(`src/${file}: the doc comment does not say which subpath exports it`);
  else if (named !== subpath)
    problems.push(`src/${file}: says dmarc-kit/${named}, lives at ${subpath}`);
  if (!(`./${subpath}` in pkg.exports)) problems.push(`package.json: no export for ./${subpath}`);
}

if (problems.length > 0) {
  console.error(problems.map((p) => `check-docs: ${p}`).join('\n'));
  process.exit(1);
}
console.log(
  `check-docs: ${catalogue.size} diagnostic codes documented, ${indexes.length} subpaths checked`,
);
