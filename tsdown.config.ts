import { defineConfig, type UserConfig } from 'tsdown';

const shared: UserConfig = {
  target: 'es2022',
  sourcemap: false,
  // `npm run build` empties dist/ first; the two builds below run side by side.
  clean: false,
  outDir: 'dist',
  tsconfig: 'tsconfig.node.json',
};

/**
 * The library: one entry per public subpath (package.json "exports"), ESM and CommonJS with
 * declarations, one output file per source module (`unbundle`) rather than shared chunks. The
 * CLI: ESM only, since only Node runs it through its bin; it keeps its shebang.
 *
 * Why one file per module: an application bundler then sees the module graph as written, and
 * esbuild needs that. It assigns every file that a used file imports to the importer's chunk
 * before it tree-shakes, so in chunks that mixed the tree walk with `organizationalDomain()`
 * (which imports the shipped list) the list was loaded up front even by an application that
 * only walks the DNS tree. With one file per module the list stays where the RFC 7489 method's
 * `import()` puts it (src/org-domain/psl-api.ts says what the source must keep to for this, and
 * test/package/bundle.test.ts checks it).
 */
export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      'record/index': 'src/record/index.ts',
      'org-domain/index': 'src/org-domain/index.ts',
      'alignment/index': 'src/alignment/index.ts',
      'evaluate/index': 'src/evaluate/index.ts',
      'report/index': 'src/report/index.ts',
      'check/index': 'src/check/index.ts',
      'dns/index': 'src/dns/index.ts',
      'dns/node/index': 'src/dns/node/index.ts',
    },
    format: ['esm', 'cjs'],
    platform: 'neutral',
    unbundle: true,
    dts: true,
    deps: { neverBundle: [/^node:/, 'tldts-core', 'fast-xml-parser'] },
  },
  {
    ...shared,
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    fixedExtension: false,
    dts: false,
    // One bundle: the RFC 7489 method's import() of the shipped list (there to keep it out of
    // browser bundles that only walk the DNS tree) has nothing to split off here.
    checks: { ineffectiveDynamicImport: false },
    deps: { neverBundle: ['tldts-core', 'fast-xml-parser'] },
  },
]);
