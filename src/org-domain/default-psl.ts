/**
 * The Public Suffix List snapshot shipped in the package, decoded on first use only: a bundle
 * that never calls `defaultPublicSuffixList()` does not contain the snapshot, and importing
 * this module costs nothing until the first call.
 * @module
 */
import { CompiledPublicSuffixList, decodePublicSuffixRules } from './psl.js';
import { PSL_SNAPSHOT } from './psl-snapshot.generated.js';
import type { PublicSuffixList } from './psl-types.js';

let cached: CompiledPublicSuffixList | undefined;

/**
 * The Public Suffix List snapshot generated at build time from `data/public_suffix_list.dat`
 * (see `data/SOURCE.md` for its date and hash; `npm run psl:update -- <file>` refreshes it).
 * Decoded on the first call (a few milliseconds), then shared. For a fresher list, load one
 * at run time with `loadPublicSuffixList`.
 * @example organizationalDomain('mail.example.co.uk', { psl: defaultPublicSuffixList() })
 */
export function defaultPublicSuffixList(): PublicSuffixList {
  cached ??= new CompiledPublicSuffixList(decodePublicSuffixRules(PSL_SNAPSHOT));
  return cached;
}
