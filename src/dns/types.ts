/**
 * The resolver contract every module takes as an option. Node's shape on purpose:
 * `import { promises as dns } from 'node:dns'` and any `new dns.promises.Resolver()` satisfy it
 * with no adapter.
 * @module
 */
import { DmarcKitError, hasErrorBrand } from '../errors.js';

/** An MX record as Node's `resolveMx` returns it. */
export interface MxRecord {
  exchange: string;
  priority: number;
}

/**
 * Per-call options. dmarc-kit's own resolvers honour `signal`; Node's resolvers take no second
 * argument and ignore it, which is why it is optional everywhere.
 */
export interface DnsQueryOptions {
  /** Aborts this one lookup; it then rejects with a {@link DnsError} coded `ECANCELLED`. */
  signal?: AbortSignal | undefined;
}

/**
 * A DNS resolver in Node's shape. A lookup that finds nothing rejects with code `ENOTFOUND`
 * (NXDOMAIN) or `ENODATA` (the name exists without records of that type); every other
 * rejection is a temporary failure.
 */
export interface DnsResolver {
  /** TXT records at `name`, each as its unjoined character-strings. */
  resolveTxt(name: string, options?: DnsQueryOptions): Promise<string[][]>;
  /** MX records at `name`; optional, used by the posture check (RFC 7505 Null MX). */
  resolveMx?(name: string, options?: DnsQueryOptions): Promise<MxRecord[]>;
}

/**
 * The codes a {@link DnsError} carries: Node's own, so code written for `node:dns` keeps working.
 * `ENOTFOUND` and `ENODATA` mean "no record"; every other code is a temporary failure.
 */
export type DnsErrorCode =
  | 'ENOTFOUND'
  | 'ENODATA'
  | 'ETIMEOUT'
  | 'ESERVFAIL'
  | 'EREFUSED'
  | 'ECONNREFUSED'
  | 'EBADRESP'
  | 'EFORMERR'
  | 'ENOTIMP'
  | 'EBADNAME'
  | 'ECANCELLED'
  | 'ECONNECTION'
  // Node's remaining c-ares codes, so every rejection from `node:dns` keeps its code.
  | 'EOF'
  | 'EFILE'
  | 'ENOMEM'
  | 'EDESTRUCTION'
  | 'EBADSTR'
  | 'EBADFLAGS'
  | 'ENONAME'
  | 'EBADHINTS'
  | 'ENOTINITIALIZED'
  | 'ELOADIPHLPAPI'
  | 'EADDRGETNETWORKPARAMS'
  | 'EBADQUERY'
  | 'EBADFAMILY';

/** Every {@link DnsErrorCode}, for checks at run time. */
export const DNS_ERROR_CODES: readonly DnsErrorCode[] = Object.freeze([
  'ENOTFOUND',
  'ENODATA',
  'ETIMEOUT',
  'ESERVFAIL',
  'EREFUSED',
  'ECONNREFUSED',
  'EBADRESP',
  'EFORMERR',
  'ENOTIMP',
  'EBADNAME',
  'ECANCELLED',
  'ECONNECTION',
  'EOF',
  'EFILE',
  'ENOMEM',
  'EDESTRUCTION',
  'EBADSTR',
  'EBADFLAGS',
  'ENONAME',
  'EBADHINTS',
  'ENOTINITIALIZED',
  'ELOADIPHLPAPI',
  'EADDRGETNETWORKPARAMS',
  'EBADQUERY',
  'EBADFAMILY',
] as const);

/** True when `code` is one of the {@link DnsErrorCode}s. */
export function isDnsErrorCode(code: unknown): code is DnsErrorCode {
  return typeof code === 'string' && (DNS_ERROR_CODES as readonly string[]).includes(code);
}

/** A failed DNS lookup, with Node's error code and the name that was asked. */
export class DnsError extends DmarcKitError {
  declare readonly code: DnsErrorCode;
  /** The name that was looked up. */
  readonly hostname: string;

  constructor(
    code: DnsErrorCode,
    hostname: string,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(code, message ?? `${code}: ${hostname}`, options);
    this.hostname = hostname;
  }
}

/** True when `value` is a {@link DnsError}, also across realms and duplicate package copies. */
export function isDnsError(value: unknown): value is DnsError {
  return hasErrorBrand(value, 'DnsError');
}
