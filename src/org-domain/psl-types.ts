/**
 * The public shapes of a loaded Public Suffix List (https://publicsuffix.org/list/).
 * @module
 */

/**
 * A Public Suffix List compiled for fast lookups. Opaque: build one with
 * `loadPublicSuffixList(datText)` or take the shipped snapshot with `defaultPublicSuffixList()`.
 */
export interface PublicSuffixList {
  /** Rules read from the ICANN section (`// ===BEGIN ICANN DOMAINS===`). */
  readonly icannRules: number;
  /** Rules read from the PRIVATE section (`// ===BEGIN PRIVATE DOMAINS===`). */
  readonly privateRules: number;
}

/** Options of `loadPublicSuffixList`. */
export interface LoadPublicSuffixListOptions {
  /** Stop reading after this many rules (a guard against hostile input). Default 100 000. */
  maxRules?: number;
}

/** Options of `organizationalDomain` and of the suffix lookups. */
export interface SuffixLookupOptions {
  /** The list to use; `defaultPublicSuffixList()` when absent. */
  psl?: PublicSuffixList;
  /**
   * Use the ICANN section only. Default `false`: PRIVATE-section suffixes such as `github.io`
   * count, so `alice.github.io` and `bob.github.io` are separate organizations (the PSL
   * project's own test vectors expect this, and so does mailauth).
   */
  icannOnly?: boolean;
}
