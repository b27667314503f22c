/**
 * Node.js conveniences for the resolver contract: `createNodeResolver` points `node:dns` at
 * given servers with a timeout and a retry count. This is the only module that imports
 * `node:dns`; Node's own `dns.promises` and `new dns.promises.Resolver()` also plug in
 * unchanged wherever a `DnsResolver` is taken.
 *
 * Exported from `dmarc-kit/dns/node` only, never from `dmarc-kit`: it needs Node.js.
 * @module
 */
export { createNodeResolver, type NodeResolverOptions, toDnsError } from './resolver.js';
