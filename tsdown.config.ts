import { defineConfig } from 'tsdown';

/** One entry per public subpath (see package.json "exports"), plus the CLI. */
export default defineConfig({
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
    'cli/main': 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: false,
  clean: true,
  outDir: 'dist',
  external: [/^node:/, 'tldts-core', 'fast-xml-parser'],
  tsconfig: 'tsconfig.node.json',
});
