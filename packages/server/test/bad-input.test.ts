import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/create-app.js';
import { fixtureStore } from './docs-fixture.js';
import { question } from './stream-client.js';

describe('bad input gets a 4xx with a JSON body that says what is wrong', () => {
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    fixture = await fixtureStore();
    app = createApp({
      store: fixture.store,
      config: { rateLimit: null, maxQuestionLength: 100, maxTurns: 4 },
      log: () => {},
    });
  });
  afterAll(async () => fixture.cleanup());

  const send = (body: string, type = 'application/json') =>
    app.request('/api/chat', { method: 'POST', headers: { 'content-type': type }, body });

  it.each([
    ['invalid JSON', '{"messages": [', 'application/json', 400, 'request:invalid-json', /not valid JSON/],
    [
      'wrong content type',
      JSON.stringify(question('hi')),
      'text/plain',
      415,
      'request:unsupported-media-type',
      /Content-Type: application\/json/,
    ],
    ['missing messages', '{}', 'application/json', 400, 'request:invalid', /messages/],
    [
      'no messages',
      '{"messages":[]}',
      'application/json',
      400,
      'request:invalid',
      /send at least one message/,
    ],
    [
      'empty question',
      JSON.stringify(question('   ')),
      'application/json',
      400,
      'request:invalid',
      /question is empty/,
    ],
    [
      'over-long question',
      JSON.stringify(question('x'.repeat(101))),
      'application/json',
      400,
      'request:question-too-long',
      /limit is 100/,
    ],
    [
      'too many turns',
      JSON.stringify({
        messages: Array.from({ length: 5 }, () => ({ role: 'user', parts: [{ type: 'text', text: 'q' }] })),
      }),
      'application/json',
      400,
      'request:too-many-turns',
      /limit is 4/,
    ],
    [
      'unknown locale',
      JSON.stringify(question('npm', { context: { locale: 'de' } })),
      'application/json',
      400,
      'request:unknown-locale',
      /Unknown locale "de". This index has: en, fr/,
    ],
    [
      'unknown version',
      JSON.stringify(question('npm', { context: { version: '9.x' } })),
      'application/json',
      400,
      'request:unknown-version',
      /1\.x, current/,
    ],
    [
      'last message not from the user',
      JSON.stringify({ messages: [{ role: 'assistant', parts: [{ type: 'text', text: 'hi' }] }] }),
      'application/json',
      400,
      'request:invalid',
      /role "user"/,
    ],
    [
      'oversized body',
      JSON.stringify(question('a'.repeat(70_000))),
      'application/json',
      413,
      'request:too-large',
      /byte limit/,
    ],
  ])('%s', async (_name, body, type, status, code, message) => {
    const response = await send(body as string, type as string);
    expect(response.status).toBe(status);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message).toMatch(message as RegExp);
  });

  it('answers 1,000 generated malformed bodies with 4xx and a JSON error, never a 5xx', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const junk = (): unknown =>
      pick([
        null,
        true,
        0,
        -1,
        1e308,
        '',
        'x'.repeat(Math.floor(random() * 3000)),
        [],
        {},
        [null],
        { type: 'text' },
        '\u0000\ud800',
        { __proto__: { a: 1 } },
      ]);
    const part = () =>
      pick([
        { type: 'text', text: junk() },
        { type: junk() },
        junk(),
        { type: 'text' },
        { type: 'text', text: 'ok' },
      ]);
    const message = () =>
      pick([
        {
          role: pick(['user', 'assistant', 'system', 'robot', junk()]),
          parts: pick([[part()], junk(), [part(), part()]]),
        },
        { role: 'user' },
        { parts: [part()] },
        junk(),
        { role: 'user', parts: [{ type: 'text', text: '' }], metadata: junk() },
      ]);
    const body = (): string => {
      const kind = random();
      if (kind < 0.15) return JSON.stringify(junk());
      if (kind < 0.3) return JSON.stringify({ messages: junk(), context: junk() });
      if (kind < 0.45) return `{"messages":[${'{'.repeat(Math.floor(random() * 50))}`;
      if (kind < 0.6)
        return JSON.stringify({
          messages: [message(), message()],
          context: { locale: junk(), version: junk(), path: junk(), selection: junk() },
        });
      if (kind < 0.7) return JSON.stringify({ messages: Array.from({ length: 30 }, message) });
      if (kind < 0.8)
        return JSON.stringify({
          messages: [{ role: 'user', parts: [{ type: 'text', text: 'q'.repeat(150) }] }],
        });
      if (kind < 0.9) return JSON.stringify({ messages: [message()], id: junk(), trigger: junk() });
      return Buffer.from(Array.from({ length: 200 }, () => Math.floor(random() * 256))).toString('latin1');
    };
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const text = body();
      const response = await send(text);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 200) {
        await response.text();
        continue;
      }
      expect(response.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(response.status, text.slice(0, 200)).toBeLessThan(500);
      const json = (await response.json()) as { error: { code: string; message: string } };
      expect(json.error.message.length).toBeGreaterThan(10);
    }
    expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(500);
  });

  it('limits each client with a token bucket and says how long to wait', async () => {
    const limited = createApp({
      store: fixture.store,
      config: { rateLimit: { burst: 2, perMinute: 6 } },
      log: () => {},
    });
    const ask = () =>
      limited.request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(question('npm install')),
      });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Wait \d+ s/);
  });

  it('refuses browsers from origins outside the allowlist and allows listed ones', async () => {
    const guarded = createApp({
      store: fixture.store,
      config: { rateLimit: null, allowedOrigins: ['https://docs.example.com'] },
      log: () => {},
    });
    const from = (origin: string) =>
      guarded.request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify(question('npm install')),
      });
    const evil = await from('https://evil.example');
    expect(evil.status).toBe(403);
    // The refusal carries CORS headers, so the widget on that site can read and show the reason.
    expect(evil.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(((await evil.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'request:origin-not-allowed',
      message: expect.stringMatching(/add it to DOCENT_ALLOWED_ORIGINS/),
    });
    const evilPreflight = await guarded.request('/api/chat', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evilPreflight.status).toBe(204);
    // Development: `docusaurus start` on localhost:3000 against the service on localhost:8787.
    const local = (origin: string, host: string) =>
      guarded.request(`http://${host}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, host },
        body: JSON.stringify(question('npm install')),
      });
    expect((await local('http://localhost:3000', 'localhost:8787')).status).toBe(200);
    expect((await local('http://127.0.0.1:3000', '[::1]:8787')).status).toBe(200);
    expect((await local('http://localhost:3000', 'docs-api.example.com')).status).toBe(403);
    expect((await local('http://localhost.evil.example', 'localhost:8787')).status).toBe(403);
    // An origin equal to the Host header is not the service's own (DNS rebinding: a page on evil.example
    // reaching this service sends both); only a listed origin, loopback or --site-url is.
    const sameHost = (name: string) =>
      guarded.request(`http://${name}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: `http://${name}`, host: name },
        body: JSON.stringify(question('npm install')),
      });
    expect((await sameHost('evil.example')).status).toBe(403);
    expect((await sameHost('api.example.com')).status).toBe(403);
    const withSiteUrl = createApp({
      store: fixture.store,
      config: {
        rateLimit: null,
        allowedOrigins: ['https://docs.example.com'],
        siteUrl: 'http://api.example.com',
      },
      log: () => {},
    });
    const own = await withSiteUrl.request('http://api.example.com/api/chat', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://api.example.com',
        host: 'api.example.com',
      },
      body: JSON.stringify(question('npm install')),
    });
    expect(own.status).toBe(200);
    const good = await from('https://docs.example.com');
    expect(good.status).toBe(200);
    expect(good.headers.get('access-control-allow-origin')).toBe('https://docs.example.com');
    const preflight = await guarded.request('/api/chat', {
      method: 'OPTIONS',
      headers: { origin: 'https://docs.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
  });

  it('answers unknown routes and bad feedback with JSON errors', async () => {
    const missing = await app.request('/nope');
    expect(missing.status).toBe(404);
    const feedback = await app.request('/api/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"rating":"meh"}',
    });
    expect(feedback.status).toBe(400);
    expect(((await feedback.json()) as { error: { message: string } }).error.message).toMatch(/rating/);
  });
});
