import { isIPv4, isIPv6 } from 'node:net';

/**
 * The reader's address for rate limiting. Behind `trustedProxies` reverse proxies, each appends the address
 * it was reached from to `X-Forwarded-For`, so the reader is the `trustedProxies`-th entry from the right;
 * anything further left was written by the client and is ignored. With no trusted proxy, or a header
 * shorter than the chain, the socket's address decides.
 */
export function clientAddress(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustedProxies: number,
): string {
  if (trustedProxies > 0 && forwardedFor) {
    const chain = forwardedFor
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const entry = chain[chain.length - trustedProxies];
    if (entry && (isIPv4(stripPort(entry)) || isIPv6(stripPort(entry)))) return stripPort(entry);
  }
  return socketAddress ?? 'unknown';
}

/** The rate-limit bucket of an address: IPv4 as is, IPv6 by its /64 (one subscriber's usual allocation). */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function stripPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(entry);
  return v4 ? v4[1]! : entry;
}

/** The eight 16-bit groups of an IPv6 address, lowercase, without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) =>
    group.replace(/^0+(?=.)/, ''),
  );
}
