import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { addressKey, clientAddress } from './client-address.js';

/**
 * Who a request comes from, as a rate-limit key: the socket's address, or behind trusted proxies the entry
 * the nearest of them vouches for (see `clientAddress`); IPv6 by /64.
 */
export function clientKey(trustedProxies: number) {
  return (c: Context) => {
    let socket: string | undefined;
    try {
      socket = getConnInfo(c).remote.address;
    } catch {
      // Not behind @hono/node-server (e.g. app.request() in tests): every request shares one bucket.
      socket = 'local';
    }
    return addressKey(clientAddress(c.req.header('x-forwarded-for'), socket, trustedProxies));
  };
}
