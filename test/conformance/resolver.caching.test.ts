/** The resolver conformance suite against createCachingResolver over a static resolver. */
import { createCachingResolver } from '../../src/dns/caching.js';
import { createStaticResolver } from '../../src/dns/static.js';
import { parseZoneText } from '../../src/dns/zone-text.js';
import { conformanceZoneText, resolverConformance } from './resolver.suite.js';

const zone = {
  ...parseZoneText(conformanceZoneText()),
  'x.servfail.test': { error: 'ESERVFAIL' as const },
  '_dmarc.slow.test': { error: 'ETIMEOUT' as const, delayMs: 5 },
};

// One cache shared by every case, so later cases are answered from the cache.
const shared = createCachingResolver(createStaticResolver(zone));

resolverConformance('caching over static (shared cache)', {
  create: () => shared,
  dnsErrors: true,
  servfailName: 'x.servfail.test',
  timeout: { create: () => shared, name: '_dmarc.slow.test' },
});

resolverConformance('caching over static (fresh cache, LRU of 2)', {
  create: () => createCachingResolver(createStaticResolver(zone), { maxEntries: 2 }),
  dnsErrors: true,
  servfailName: 'x.servfail.test',
  timeout: {
    create: () => createCachingResolver(createStaticResolver(zone), { maxEntries: 2 }),
    name: '_dmarc.slow.test',
  },
});
