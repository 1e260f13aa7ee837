import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from '../src/http/client-address.js';
import { createApp } from '../src/http/create-app.js';
import { parseServerOptions, type ServerOptions } from '../src/server-options.js';
import { fixtureStore } from './docs-fixture.js';
import { listen } from './stream-client.js';

type Fixture = Awaited<ReturnType<typeof fixtureStore>>;

/** 30 requests as nginx forwards them: whatever the client wrote, then the address nginx saw. */
async function burst(url: string, forwarded: (n: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let n = 0; n < 30; n++) {
    const response = await fetch(`${url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded(n) },
      body: JSON.stringify({ messageId: `m${n}`, rating: 'up' }),
    });
    statuses.push(response.status);
  }
  return statuses;
}

describe('client identity behind proxies (red team: forged X-Forwarded-For)', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await fixtureStore();
  });
  afterAll(async () => {
    await fixture.cleanup();
  });

  const serve = (trustProxy: number) =>
    listen(
      createApp({
        store: fixture.store,
        config: { rateLimit: { burst: 10, perMinute: 30 }, trustProxy },
        log: () => {},
      }),
    );

  it('behind one proxy, a client that writes a fresh X-Forwarded-For each time still gets one bucket', async () => {
    const server = await serve(1);
    const statuses = await burst(server.url, (n) => `10.0.${n}.1, 198.51.100.7`);
    await server.close();
    expect(statuses.filter((status) => status === 202)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
  });

  it('behind one proxy, two readers (two addresses the proxy saw) get two buckets', async () => {
    const server = await serve(1);
    const statuses = await burst(server.url, (n) => `evil, 198.51.100.${n % 2}`);
    await server.close();
    expect(statuses.filter((status) => status === 202)).toHaveLength(20);
  });

  it('with no trusted proxy, the header is ignored: the socket decides', async () => {
    const server = await serve(0);
    const statuses = await burst(server.url, (n) => `198.51.100.${n}`);
    await server.close();
    expect(statuses.filter((status) => status === 202)).toHaveLength(10);
  });

  it('behind two proxies, the reader is the second entry from the right', () => {
    expect(clientAddress('6.6.6.6, 203.0.113.9, 10.0.0.2', '10.0.0.3', 2)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', '10.0.0.3', 2)).toBe('10.0.0.3');
    expect(clientAddress('not-an-address', '10.0.0.3', 1)).toBe('10.0.0.3');
    expect(clientAddress('[2001:db8::1]:443', undefined, 1)).toBe('2001:db8::1');
  });

  it('keys IPv6 readers by their /64, and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:1:2::a')).toBe(addressKey('2001:0db8:0001:0002:ffff::b'));
    expect(addressKey('2001:db8:1:2::a')).not.toBe(addressKey('2001:db8:1:3::a'));
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
  });

  it('reads the number of proxies from --trust-proxy and DOCENT_TRUST_PROXY', () => {
    const hops = (argv: string[], env: NodeJS.ProcessEnv) =>
      (parseServerOptions(argv, env) as ServerOptions).config.trustProxy;
    expect(hops([], {})).toBe(0);
    expect(hops(['--trust-proxy'], {})).toBe(1);
    expect(hops([], { DOCENT_TRUST_PROXY: '2' })).toBe(2);
    expect(() => hops([], { DOCENT_TRUST_PROXY: 'yes' })).toThrow(
      /DOCENT_TRUST_PROXY must be a number in range/,
    );
  });
});
