/**
 * The pluggable resolver: the `DnsResolver` contract (Node's shape), `DnsError` with Node's
 * codes, the one helper that classifies a failed lookup, and three resolvers that run
 * anywhere: DNS-over-HTTPS (RFC 8484), static (in memory) and caching.
 *
 * Exported from `dmarc-kit` and from `dmarc-kit/dns`.
 * @module
 */
export { DmarcKitError, isDmarcKitError } from '../errors.js';
export {
  type CachingResolver,
  type CachingResolverOptions,
  createCachingResolver,
} from './caching.js';
export { createDohResolver, type DohResolverOptions } from './doh.js';
export {
  classifyDnsFailure,
  type DnsFailureKind,
  type DnsOutcome,
  errorCode,
  resolveOutcome,
} from './outcome.js';
export {
  createStaticResolver,
  type StaticQuery,
  type StaticResolver,
  type StaticResolverOptions,
  type StaticZone,
  type StaticZoneEntry,
} from './static.js';
export {
  DNS_ERROR_CODES,
  DnsError,
  type DnsErrorCode,
  type DnsQueryOptions,
  type DnsResolver,
  isDnsError,
  isDnsErrorCode,
  type MxRecord,
} from './types.js';
export { type ParseZoneTextOptions, parseZoneText } from './zone-text.js';
