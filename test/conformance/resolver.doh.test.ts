/**
 * The resolver conformance suite against createDohResolver, through an in-process RFC 8484
 * endpoint that answers from the static zone (test/helpers/doh-fetch.ts). The same suite runs
 * against a real DoH-to-Knot endpoint in test/integration/dns-conformance.test.ts.
 */
import { createDohResolver } from '../../src/dns/doh.js';
import { createStaticResolver } from '../../src/dns/static.js';
import { parseZoneText } from '../../src/dns/zone-text.js';
import { createResolverFetch } from '../helpers/doh-fetch.js';
import { conformanceZoneText, resolverConformance } from './resolver.suite.js';

const zone = {
  ...parseZoneText(conformanceZoneText()),
  'x.servfail.test': { error: 'ESERVFAIL' as const },
  '_dmarc.slow.test': { error: 'ETIMEOUT' as const },
};
const fetch = createResolverFetch(createStaticResolver(zone));

for (const method of ['GET', 'POST'] as const) {
  resolverConformance(`DoH ${method} (in-process endpoint)`, {
    create: () => createDohResolver({ endpoint: 'https://doh.test/dns-query', fetch, method }),
    dnsErrors: true,
    servfailName: 'x.servfail.test',
    timeout: {
      create: () =>
        createDohResolver({ endpoint: 'https://doh.test/dns-query', fetch, method, timeoutMs: 50 }),
      name: '_dmarc.slow.test',
    },
  });
}
