import { lookup as dnsLookup } from 'node:dns/promises';
import { createRequire } from 'node:module';
import type { IPv4, IPv6 } from 'ipaddr.js';

// ipaddr.js is CommonJS with `export =`; required, so its types hold without esModuleInterop.
const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js');

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has. Fails (rejects) when it has none. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo), every address, in the order the system gives them. */
export const systemResolve: Resolve = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** The IPv6 global unicast block, 2000::/3: every other IPv6 block is special-purpose or unassigned. */
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * True when `address` (an IPv4 or IPv6 address in text form) is an ordinary public unicast address: not
 * loopback, private (RFC 1918), carrier-grade NAT, link-local, unique-local, multicast, broadcast,
 * unspecified, documentation, benchmarking or otherwise reserved. An IPv4-mapped IPv6 address is judged
 * as the IPv4 address it carries; IPv6 addresses that embed IPv4 in other ways (6to4, Teredo, NAT64) are
 * refused, since the relay cannot tell where they lead. False for anything that is not an address.
 *
 * @example
 * isPublicAddress('93.184.215.14'); // true
 * isPublicAddress('::ffff:127.0.0.1'); // false
 */
export function isPublicAddress(address: string): boolean {
  let parsed: IPv4 | IPv6;
  try {
    // The strict form: no octal, hexadecimal or shortened IPv4 (the URL parser has already normalised those).
    parsed = ipaddr.parse(address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address);
  } catch {
    return false;
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() === 'unicast';
    if (v6.zoneId !== undefined) return false;
    return v6.match(GLOBAL_UNICAST) && v6.range() === 'unicast';
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(address)) return false;
  return (parsed as IPv4).range() === 'unicast';
}

/** True when `host` (a URL's hostname, IPv6 in brackets) is an IP address rather than a name. */
export function isIpLiteral(host: string): boolean {
  if (host.startsWith('[') && host.endsWith(']')) return ipaddr.IPv6.isValid(host.slice(1, -1));
  return ipaddr.IPv4.isValidFourPartDecimal(host) || ipaddr.IPv6.isValid(host);
}
