/**
 * The resolver conformance suite against the real DNS server (Knot, started by the global
 * setup): Node's own resolver unchanged, createNodeResolver, createDohResolver through the
 * test DoH endpoint (GET and POST), and the caching resolver over DoH.
 */
import { promises as dns } from 'node:dns';
import { inject } from 'vitest';
import { createCachingResolver } from '../../src/dns/caching.js';
import { createDohResolver } from '../../src/dns/doh.js';
import { createNodeResolver } from '../../src/dns/node/index.js';
import type { DnsResolver } from '../../src/dns/types.js';
import { resolverConformance } from '../conformance/resolver.suite.js';

const server = inject('dnsServer');
const blackhole = inject('dnsBlackhole');
const servfailName = `_dmarc.example.${inject('servfailZone')}`;
const dohUrl = inject('dohUrl');
const dohBlackholeUrl = inject('dohBlackholeUrl');

function nodeResolver(servers: string[], timeout = 2000): DnsResolver {
  // Node's resolver, exactly as a user would pass it: no adapter.
  const resolver = new dns.Resolver({ timeout, tries: 1 });
  resolver.setServers(servers);
  return resolver;
}

resolverConformance('node:dns Resolver on Knot', {
  create: () => nodeResolver([server]),
  dnsErrors: false,
  servfailName,
  timeout: { create: () => nodeResolver([blackhole], 100), name: '_dmarc.timeout.test' },
});

resolverConformance('createNodeResolver on Knot', {
  create: () => createNodeResolver({ servers: [server], timeoutMs: 2000, tries: 1 }),
  dnsErrors: true,
  servfailName,
  timeout: {
    create: () => createNodeResolver({ servers: [blackhole], timeoutMs: 100, tries: 1 }),
    name: '_dmarc.timeout.test',
  },
});

for (const method of ['GET', 'POST'] as const) {
  resolverConformance(`DoH ${method} via loopback endpoint to Knot`, {
    create: () => createDohResolver({ endpoint: dohUrl, method }),
    dnsErrors: true,
    servfailName,
    timeout: {
      create: () => createDohResolver({ endpoint: dohBlackholeUrl, method, timeoutMs: 200 }),
      name: '_dmarc.timeout.test',
    },
  });
}

const cached = createCachingResolver(createDohResolver({ endpoint: dohUrl }));
resolverConformance('caching over DoH to Knot', {
  create: () => cached,
  dnsErrors: true,
  servfailName,
  timeout: {
    create: () =>
      createCachingResolver(createDohResolver({ endpoint: dohBlackholeUrl, timeoutMs: 200 })),
    name: '_dmarc.timeout.test',
  },
});
