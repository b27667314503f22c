/**
 * dmarc-kit: every universal module in one import. Each module is also its own subpath
 * (`dmarc-kit/record`, `dmarc-kit/org-domain`, ...), which bundles smaller.
 * Never re-exports `dmarc-kit/dns/node` or the CLI, so this entry runs in browsers and workers.
 * @module
 */
export * from './alignment/index.js';
export * from './check/index.js';
export * from './dns/index.js';
export * from './evaluate/index.js';
export * from './org-domain/index.js';
export * from './record/index.js';
export * from './report/index.js';
