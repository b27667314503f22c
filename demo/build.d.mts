/** Types of build.mjs, for the browser tests that import it. */
/** Where the page is built: serve this folder. */
export declare const DEMO_DIST: string;
/** Bundles the demo into `outdir` (default demo/dist) and returns its sizes. */
export declare function buildDemo(options?: { outdir?: string }): Promise<{
  outdir: string;
  bytes: number;
  gzipBytes: number;
  inputs: string[];
}>;
