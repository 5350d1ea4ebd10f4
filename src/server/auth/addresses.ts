// IP address rules for access control: which HOST values are loopback (safe without auth), and
// which TCP peers are trusted proxies (AUTH_TRUSTED_PROXIES: IPs and CIDRs, IPv4 and IPv6).
import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
export function unmapIpv4(address: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return match ? match[1]! : address;
}

const IPV6_LOOPBACK = new BlockList();
IPV6_LOOPBACK.addAddress('::1', 'ipv6');

/** True for 127.0.0.0/8, ::1 and localhost: a bind address no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = unmapIpv4(host.trim().replace(/^\[(.*)\]$/, '$1')).toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return IPV6_LOOPBACK.check(bare, 'ipv6');
  return false;
}

export interface AddressMatcher {
  (address: string | undefined): boolean;
}

/**
 * A matcher for a list of IPs/CIDRs. Throws an Error naming the first bad entry (config turns it into
 * a one-line message).
 */
export function addressMatcher(entries: readonly string[]): AddressMatcher {
  const list = new BlockList();
  for (const entry of entries) {
    const [rawAddress, prefix, extra] = entry.split('/');
    const address = unmapIpv4((rawAddress ?? '').trim());
    const family = isIP(address);
    if (family === 0 || extra !== undefined) throw new Error(`"${entry}" is not an IP address or CIDR`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) throw new Error(`"${entry}" has a bad prefix length`);
    list.addSubnet(address, bits, type);
  }
  return (peer) => {
    if (peer === undefined) return false;
    const address = unmapIpv4(peer);
    const family = isIP(address);
    if (family === 0) return false;
    return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The unit a client is limited by: an IPv4 address, or an IPv6 address's /64 (one subscriber usually
 * holds a whole /64, so per-address limits would be no limit at all).
 */
export function clientKey(address: string): string {
  const bare = unmapIpv4(address);
  if (isIP(bare) !== 6) return bare;
  const [head = '', tail = ''] = bare.toLowerCase().split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (::ffff:… handled above, other forms rare) sits past the first 64 bits anyway.
  const missing = bare.includes('::') ? 8 - headParts.length - tailParts.length : 0;
  const groups = [...headParts, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailParts];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
