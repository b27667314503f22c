/**
 * The synchronous Public Suffix List functions of `dmarc-kit/org-domain`: the shipped list, a
 * list loaded at run time, and a lookup over either in tldts-core's shape.
 *
 * They live apart from the modules the RFC 7489 method loads with `import()` (psl-method.ts:
 * `default-psl.ts`, `tldts.ts` and what those import, `psl.ts`, `packed-trie.ts` and
 * `suffix-lookup.ts`), as `organizationalDomain()` does, so that the barrel (index.ts) imports
 * none of those modules itself. The published `dist` keeps one file per module
 * (tsdown.config.ts), and esbuild puts every file that a used file imports into the importer's
 * chunk before it tree-shakes: a static import of the lazily loaded files from the barrel, which
 * every application uses, would load the shipped list and tldts-core up front in an application
 * that only walks the DNS tree (test/package/bundle.test.ts). This module and
 * organizational-domain.ts are unused in such an application, so esbuild stops at them.
 * @module
 */
import { shippedPublicSuffixList } from './default-psl.js';
import { packedTrieOf } from './packed-trie.js';
import { CompiledPublicSuffixList, compilePublicSuffixList } from './psl.js';
import type { LoadPublicSuffixListOptions, PublicSuffixList } from './psl-types.js';
import { suffixLookupOver, type TldtsSuffixLookup } from './suffix-lookup.js';

/**
 * The Public Suffix List snapshot generated at build time from `data/public_suffix_list.dat`
 * (see `data/SOURCE.md` for its date and hash; `npm run psl:update -- <file>` refreshes it).
 * Decoded on the first call (a few milliseconds), then shared. For a fresher list, load one
 * at run time with `loadPublicSuffixList`.
 * @example organizationalDomain('mail.example.co.uk', { psl: defaultPublicSuffixList() })
 */
export function defaultPublicSuffixList(): PublicSuffixList {
  return shippedPublicSuffixList();
}

/**
 * Parses a Public Suffix List in the publicsuffix.org `.dat` format (ICANN and PRIVATE
 * sections, wildcards, exceptions, IDN rules indexed in both Unicode and Punycode) into a
 * compact lookup, so today's list can be used at run time without a new release of this
 * package. Never throws on the text itself.
 * @example
 * const psl = loadPublicSuffixList(await (await fetch(url)).text());
 * organizationalDomain('a.b.example.co.uk', { psl }); // 'example.co.uk'
 */
export function loadPublicSuffixList(
  datText: string,
  options?: LoadPublicSuffixListOptions,
): PublicSuffixList {
  return new CompiledPublicSuffixList(compilePublicSuffixList(datText, options));
}

/**
 * A suffix lookup over `psl` in the callback shape tldts-core's `parseImpl` takes, so a list
 * loaded at run time works with any tldts-core based code. `allowPrivateDomains: false` uses
 * the ICANN section only, as in tldts. The hostname must already be lower case.
 * @example
 * import { parseImpl, getEmptyResult } from 'tldts-core';
 * const lookup = createSuffixLookup(loadPublicSuffixList(datText));
 * parseImpl('www.example.co.uk', 3, lookup, { allowPrivateDomains: true }, getEmptyResult()).domain;
 */
export function createSuffixLookup(psl: PublicSuffixList): TldtsSuffixLookup {
  return suffixLookupOver(packedTrieOf(psl));
}
