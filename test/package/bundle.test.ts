import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER, prepareConsumer, ROOT } from './consumer.js';

/**
 * Bundles each universal subpath alone for the browser, from the packed tarball, the way an
 * application would (esbuild, platform browser, minified). Fails on any Node built-in (esbuild
 * cannot resolve them for the browser and no polyfill is configured), on a module pulled into
 * a subpath that must not carry it (STYLE.md §2.3), and on a size over its budget.
 */
interface Case {
  name: string;
  source: string;
  forbidden: string[];
}
const PSL = 'psl-snapshot';
const CASES: Case[] = [
  {
    name: 'record',
    source: "export * from 'dmarc-kit/record';",
    forbidden: ['fast-xml-parser', 'tldts-core', PSL],
  },
  {
    name: 'dns',
    source: "export * from 'dmarc-kit/dns';",
    forbidden: ['fast-xml-parser', 'tldts-core', PSL],
  },
  {
    name: 'alignment',
    source: "export * from 'dmarc-kit/alignment';",
    forbidden: ['fast-xml-parser', 'tldts-core', PSL],
  },
  {
    name: 'org-domain',
    source: "export * from 'dmarc-kit/org-domain';",
    forbidden: ['fast-xml-parser'],
  },
  {
    // The shipped list and tldts-core load only through the RFC 7489 method's import(). esbuild
    // splits before it tree-shakes, so this holds only because dist has one file per module and
    // the barrel imports no module that import() loads (src/org-domain/psl-api.ts).
    name: 'org-domain (tree walk only)',
    source: "export { discoverPolicy } from 'dmarc-kit/org-domain';",
    forbidden: ['fast-xml-parser', 'tldts-core', PSL],
  },
  {
    name: 'evaluate',
    source: "export * from 'dmarc-kit/evaluate';",
    forbidden: ['fast-xml-parser'],
  },
  { name: 'report', source: "export * from 'dmarc-kit/report';", forbidden: ['tldts-core', PSL] },
  { name: 'check', source: "export * from 'dmarc-kit/check';", forbidden: ['fast-xml-parser'] },
  { name: 'dmarc-kit', source: "export * from 'dmarc-kit';", forbidden: [] },
];

/** min+gzip budgets in bytes; README's "Bundle sizes" table shows the measured values. */
const BUDGETS = JSON.parse(readFileSync(join(ROOT, 'size-budgets.json'), 'utf8')) as Record<
  string,
  number
>;

/**
 * The outputs a page loads up front: the entry and what it imports statically. Chunks that
 * are only reached by a dynamic `import()` (the shipped PSL for the RFC 7489 method) load on
 * first use and are not part of the bundle an application pays for at start.
 */
function eagerOutputs(metafile: Metafile): string[] {
  const entry = Object.keys(metafile.outputs).find((path) => metafile.outputs[path]?.entryPoint);
  const seen = new Set<string>();
  const queue = entry ? [entry] : [];
  while (queue.length > 0) {
    const path = queue.pop() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const edge of metafile.outputs[path]?.imports ?? []) {
      if (edge.kind === 'import-statement' && !edge.external) queue.push(edge.path);
    }
  }
  return [...seen];
}

const measured: Record<string, number> = {};

beforeAll(() => {
  prepareConsumer();
});

describe.each(CASES)('browser bundle of $name', ({ name, source, forbidden }) => {
  it('builds with no Node built-ins, stays within its module boundary and its size budget', async () => {
    const dir = join(CONSUMER, 'bundles', name.replace(/[^a-z-]+/g, '_'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'entry.js'), source);
    const result = await build({
      entryPoints: [join(dir, 'entry.js')],
      outdir: join(dir, 'out'),
      bundle: true,
      splitting: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
    });
    const eager = eagerOutputs(result.metafile);
    const inputs = eager.flatMap((out) =>
      Object.entries(result.metafile.outputs[out]?.inputs ?? {})
        .filter(([, info]) => info.bytesInOutput > 0)
        .map(([path]) => path),
    );
    for (const path of inputs)
      expect(path, `${name} bundles ${path}`).not.toMatch(/^node:|(^|\/)dns\/node\//);
    for (const bad of forbidden) {
      expect(
        inputs.filter((p) => p.includes(bad)),
        `${name} must not bundle ${bad}`,
      ).toEqual([]);
    }
    const byPath = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
    const parts = eager.map((out) => byPath.get(resolve(out)) ?? new Uint8Array());
    const code = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      code.set(part, offset);
      offset += part.length;
    }
    if (forbidden.includes(PSL)) {
      // The snapshot may sit inside a shared chunk; its labels give it away whatever the file.
      const carriesList = /kawasaki|blogspot/.test(new TextDecoder().decode(code));
      expect(carriesList, `${name} must not carry the PSL snapshot`).toBe(false);
    }
    const gzipped = gzipSync(code, { level: 9 }).length;
    measured[name] = gzipped;
    const budget = BUDGETS[name];
    expect(budget, `size-budgets.json has a budget for ${name}`).toBeTypeOf('number');
    expect(gzipped, `${name}: ${gzipped} B min+gzip`).toBeLessThanOrEqual(budget ?? 0);
  });
});

describe('bundle sizes', () => {
  it('are written to .tmp/bundle-sizes.json for the README', () => {
    writeFileSync(join(ROOT, '.tmp/bundle-sizes.json'), `${JSON.stringify(measured, null, 2)}\n`);
    expect(Object.keys(measured).length).toBe(CASES.length);
  });
});

describe('an application that only walks the DNS tree', () => {
  it('loads no PSL up front when bundled by rolldown (the bundler behind Vite and tsdown)', async () => {
    // Rollup-family bundlers tree-shake before they split, so organizationalDomain()'s static
    // import of the shipped list is dropped and the RFC 7489 method's dynamic import() becomes
    // a chunk loaded on first use. (esbuild splits first; the 'org-domain (tree walk only)' case
    // above checks the same for it.)
    const { rolldown } = await import('rolldown');
    const dir = join(CONSUMER, 'bundles', 'rolldown-tree-walk');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'entry.js'), "export { discoverPolicy } from 'dmarc-kit/org-domain';");
    const bundle = await rolldown({
      input: join(dir, 'entry.js'),
      platform: 'browser',
      logLevel: 'silent',
    });
    const { output } = await bundle.generate({ format: 'esm', minify: true });
    const chunks = new Map(
      output.flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])),
    );
    const entry = output.find((o) => o.type === 'chunk' && o.isEntry);
    const eager = new Set<string>();
    const visit = (name: string): void => {
      const chunk = chunks.get(name);
      if (chunk === undefined || eager.has(name)) return;
      eager.add(name);
      for (const imported of chunk.imports) visit(imported);
    };
    visit(entry?.fileName ?? '');
    const upFront = [...eager].map((name) => chunks.get(name)?.code ?? '').join('\n');
    const lazy = [...chunks.values()]
      .filter((c) => !eager.has(c.fileName))
      .map((c) => c.code)
      .join('\n');
    expect(eager.size).toBeGreaterThan(0);
    expect(/kawasaki|blogspot/.test(upFront), 'the PSL is loaded up front').toBe(false);
    expect(
      /kawasaki|blogspot/.test(lazy),
      'the PSL is still reachable for the RFC 7489 method',
    ).toBe(true);
  });
});
