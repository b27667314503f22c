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
 * declarations, shared code in common chunks. The CLI: ESM only, since only Node runs it
 * through its bin; it keeps its shebang.
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
    dts: true,
    external: [/^node:/, 'tldts-core', 'fast-xml-parser'],
  },
  {
    ...shared,
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    fixedExtension: false,
    dts: false,
    external: ['tldts-core', 'fast-xml-parser'],
  },
]);
