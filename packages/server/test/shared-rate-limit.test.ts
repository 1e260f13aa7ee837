import { type RedisServer, startRedis } from '@docent/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/create-app.js';
import { parseServerOptions, ServerUsageError } from '../src/server-options.js';
import { fixtureStore } from './docs-fixture.js';
import { question } from './stream-client.js';

const redis = await startRedis();
const skip = 'skipped' in redis ? redis.skipped : null;
if (skip) console.warn(`[shared rate limit tests] ${skip}`);

describe.skipIf(skip !== null)('a rate limit shared by every replica, in Redis', () => {
  const server = redis as RedisServer;
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  const replicas: ReturnType<typeof createApp>[] = [];
  const lines: string[] = [];

  beforeAll(async () => {
    fixture = await fixtureStore();
    for (let replica = 0; replica < 3; replica++) {
      replicas.push(
        createApp({
          store: fixture.store,
          config: { rateLimit: { burst: 4, perMinute: 4, store: server.url }, trustProxy: 1 },
          log: (line) => lines.push(line),
        }),
      );
    }
    await Promise.all(replicas.map((replica) => replica.sharedLimiter!.ready));
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.sharedLimiter?.close();
    await fixture.cleanup();
    await server.destroy();
  });

  const ask = (replica: number, client: string) =>
    replicas[replica]!.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify(question('How do I deploy behind nginx?')),
    }).then(async (response) => {
      await response.arrayBuffer();
      return response;
    });
  const ready = async (replica: number) =>
    (await (await replicas[replica]!.request('/readyz')).json()) as {
      rateLimit: { store: string; shared: boolean; message: string };
    };

  it('lets a client make the configured number of requests across replicas, not three times it', async () => {
    const statuses: number[] = [];
    for (let request = 0; request < 9; request++)
      statuses.push((await ask(request % 3, '203.0.113.7')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429, 429]);
    const refused = await ask(1, '203.0.113.7');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another client has its own allowance.
    expect((await ask(2, '203.0.113.8')).status).toBe(200);
    expect((await ready(0)).rateLimit).toMatchObject({ store: 'redis', shared: true });
  });

  it('keeps answering with each process’s own limit while Redis is down, says so, and shares again when it is back', async () => {
    await server.stop();
    const statuses: number[] = [];
    for (let request = 0; request < 5; request++) statuses.push((await ask(0, '198.51.100.1')).status);
    // The per-process token bucket (burst 4) holds on this replica alone.
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const readyz = await replicas[0]!.request('/readyz');
    expect(readyz.status).toBe(200);
    const state = (await readyz.json()) as { rateLimit: { shared: boolean; message: string } };
    expect(state.rateLimit.shared).toBe(false);
    expect(state.rateLimit.message).toMatch(/unreachable.*per-process limit/);
    const metrics = await (await replicas[0]!.request('/metrics')).text();
    expect(metrics).toMatch(/^docent_rate_limit_shared 0$/m);
    expect(metrics).toMatch(/^docent_rate_limit_fallbacks_total [1-9]/m);
    expect(lines.some((line) => /rate limit: .*unreachable/.test(line))).toBe(true);

    await server.start();
    let shared = false;
    for (let attempt = 0; attempt < 60 && !shared; attempt++) {
      await ask(0, `192.0.2.${attempt}`);
      shared = (await ready(0)).rateLimit.shared;
      if (!shared) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(shared).toBe(true);
    expect(await (await replicas[0]!.request('/metrics')).text()).toMatch(/^docent_rate_limit_shared 1$/m);
  });
});

describe('--rate-limit-store', () => {
  it('takes a Redis URL from the flag or DOCENT_RATE_LIMIT_STORE, and refuses anything else with what to write', () => {
    const options = parseServerOptions(
      ['--index', 'x.docent', '--rate-limit-store', 'redis://cache:6379'],
      {},
    );
    expect(options !== 'help' && options.config.rateLimit).toMatchObject({ store: 'redis://cache:6379' });
    const fromEnv = parseServerOptions(['--index', 'x.docent'], {
      DOCENT_RATE_LIMIT_STORE: 'rediss://u:p@cache:6380',
    });
    expect(fromEnv !== 'help' && fromEnv.config.rateLimit?.store).toBe('rediss://u:p@cache:6380');
    expect(() => parseServerOptions(['--index', 'x', '--rate-limit-store', 'http://cache:6379'], {})).toThrow(
      ServerUsageError,
    );
    expect(() =>
      parseServerOptions(['--index', 'x', '--rate-limit', 'off', '--rate-limit-store', 'redis://c:6379'], {}),
    ).toThrow(/needs a rate limit/);
  });
});
