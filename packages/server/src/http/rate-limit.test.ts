import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DocentError } from './docent-error.js';
import { rateLimit } from './rate-limit.js';

function app(limiter: ReturnType<typeof rateLimit>) {
  const server = new Hono();
  server.use('*', limiter);
  server.get('/', (c) => c.text('ok'));
  server.onError((error, c) =>
    error instanceof DocentError ? c.json({}, error.status as 429, error.headers) : c.json({}, 500),
  );
  return server;
}

describe('rateLimit (bounded memory)', () => {
  it('limits each client to its burst, refills it, and says when to retry', async () => {
    let time = 0;
    const limiter = rateLimit({
      burst: 2,
      perMinute: 60,
      key: (c) => c.req.header('x-client')!,
      now: () => time,
    });
    const server = app(limiter);
    const get = (client: string) => server.request('/', { headers: { 'x-client': client } });
    expect((await get('a')).status).toBe(200);
    expect((await get('a')).status).toBe(200);
    const limited = await get('a');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await get('b')).status).toBe(200);
    time += 1000;
    expect((await get('a')).status).toBe(200);
  });

  it('forgets clients idle long enough to be full again, and never keeps more than its cap', async () => {
    let time = 0;
    const limiter = rateLimit({
      burst: 10,
      perMinute: 60,
      key: (c) => c.req.header('x-client')!,
      now: () => time,
      maxClients: 1000,
    });
    const server = app(limiter);
    // 20,000 addresses, one request each, within one refill time: the cap holds.
    for (let n = 0; n < 20_000; n++) {
      await server.request('/', { headers: { 'x-client': `10.0.${n >> 8}.${n & 255}` } });
      time += 0.1;
    }
    expect(limiter.tracked).toBeLessThanOrEqual(1000);
    // A limited client keeps its state while it is among the recent ones.
    for (let n = 0; n < 11; n++) await server.request('/', { headers: { 'x-client': 'busy' } });
    expect((await server.request('/', { headers: { 'x-client': 'busy' } })).status).toBe(429);
    // After the refill time (10 s for a burst of 10 at 60/min) everyone idle is forgotten.
    time += 10_001;
    await server.request('/', { headers: { 'x-client': 'late' } });
    expect(limiter.tracked).toBe(1);
  });
});
