/** The resolver conformance suite against createStaticResolver, loaded from the zone file. */
import { createStaticResolver } from '../../src/dns/static.js';
import { parseZoneText } from '../../src/dns/zone-text.js';
import { conformanceZoneText, resolverConformance } from './resolver.suite.js';

const zone = {
  ...parseZoneText(conformanceZoneText()),
  'x.servfail.test': { error: 'ESERVFAIL' as const },
  '_dmarc.slow.test': { error: 'ETIMEOUT' as const, delayMs: 5 },
};

resolverConformance('static (zone text)', {
  create: () => createStaticResolver(zone),
  dnsErrors: true,
  servfailName: 'x.servfail.test',
  timeout: { create: () => createStaticResolver(zone), name: '_dmarc.slow.test' },
});

resolverConformance('static (zone text given directly, 1 ms delay)', {
  // Zone text cannot express failures, so this run has no SERVFAIL case.
  create: () => createStaticResolver(conformanceZoneText(), { delayMs: 1 }),
  dnsErrors: true,
  timeout: { create: () => createStaticResolver(zone, { delayMs: 1 }), name: '_dmarc.slow.test' },
});
