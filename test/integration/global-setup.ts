/**
 * Global setup of the integration project: starts Knot DNS on a loopback port serving every
 * fixtures/zones/<origin>.zone (plus `servfail.test`, a zone that fails to load, so its names
 * get SERVFAIL), a UDP black hole for timeouts, and a test-only DoH endpoint forwarding to
 * Knot. Tests read the addresses with `inject('dnsServer')` etc. See test/helpers/README.md.
 */
import type { TestProject } from 'vitest/node';
import { startDohServer } from '../helpers/doh-server.js';
import { startKnot } from '../helpers/knot.js';
import { startBlackhole } from '../helpers/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Knot DNS, `127.0.0.1:<port>`, serving fixtures/zones. */
    dnsServer: string;
    /** A UDP socket that never answers, `127.0.0.1:<port>`. */
    dnsBlackhole: string;
    /** A zone whose every name gets SERVFAIL. */
    servfailZone: string;
    /** The test DoH endpoint forwarding to `dnsServer`. */
    dohUrl: string;
    /** The test DoH endpoint forwarding to `dnsBlackhole` (never answers). */
    dohBlackholeUrl: string;
    /** The DoH server's origin; `${dohOrigin}/status/503/dns-query` answers HTTP 503. */
    dohOrigin: string;
  }
}

export const SERVFAIL_ZONE = 'servfail.test';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const knot = await startKnot({ servfailZones: [SERVFAIL_ZONE] });
  const blackhole = await startBlackhole();
  const doh = await startDohServer({ upstream: knot.address, blackhole: blackhole.address });
  project.provide('dnsServer', knot.address);
  project.provide('dnsBlackhole', blackhole.address);
  project.provide('servfailZone', SERVFAIL_ZONE);
  project.provide('dohUrl', doh.url);
  project.provide('dohBlackholeUrl', doh.blackholeUrl);
  project.provide('dohOrigin', doh.origin);
  return async () => {
    await doh.stop();
    await blackhole.stop();
    await knot.stop();
  };
}
