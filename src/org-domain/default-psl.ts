/**
 * The Public Suffix List snapshot shipped in the package, decoded on first use only. The RFC
 * 7489 method reaches this module by a dynamic `import()` (psl-method.ts), and
 * `defaultPublicSuffixList()` (psl-api.ts) and `organizationalDomain()` statically: a bundle that
 * uses none of them does not contain the snapshot, and importing this module costs nothing until
 * the first call.
 * @module
 */
import { CompiledPublicSuffixList, decodePublicSuffixRules } from './psl.js';
import { PSL_SNAPSHOT } from './psl-snapshot.generated.js';
import type { PublicSuffixList } from './psl-types.js';

let cached: CompiledPublicSuffixList | undefined;

/**
 * The snapshot generated at build time from `data/public_suffix_list.dat`, decoded on the first
 * call (a few milliseconds), then shared: the value of the public `defaultPublicSuffixList()`.
 */
export function shippedPublicSuffixList(): PublicSuffixList {
  cached ??= new CompiledPublicSuffixList(decodePublicSuffixRules(PSL_SNAPSHOT));
  return cached;
}
