import { type SearchResult, searchResultSchema } from '@docent/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retrieve } from '../src/answering/prepare-answer.js';
import { createApp, SEARCH_RATE_FACTOR } from '../src/http/create-app.js';
import { fixtureStore } from './docs-fixture.js';

describe('GET /api/search', () => {
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    fixture = await fixtureStore();
    app = createApp({ store: fixture.store, config: { rateLimit: null }, log: () => {} });
  });
  afterAll(async () => {
    await fixture.cleanup();
  });

  const search = async (query: string, init?: RequestInit) => {
    const response = await app.request(`/api/search?${query}`, init);
    return { response, body: response.status === 200 ? await response.json() : null };
  };
  const urls = (result: SearchResult) => result.pages.flatMap((page) => page.sections.map((s) => s.url));
  const marked = (result: SearchResult) =>
    result.pages.flatMap((page) =>
      page.sections.flatMap((section) =>
        section.snippet.highlights.map(([from, to]) => section.snippet.text.slice(from, to)),
      ),
    );

  it('completes the word being typed and marks it in the snippet by offsets', async () => {
    const { response, body } = await search('q=proxy%20buff');
    expect(response.status).toBe(200);
    const result = searchResultSchema.parse(body);
    expect(result).toMatchObject({ query: 'proxy buff', locale: 'en', version: 'current' });
    expect(urls(result)[0]).toBe('/docs/deployment#reverse-proxies');
    expect(result.pages[0]).toMatchObject({ title: 'Deployment', url: '/docs/deployment' });
    expect(result.pages[0]!.sections[0]!.breadcrumb).toEqual(['Deployment', 'Reverse proxies']);
    expect(marked(result)).toEqual(expect.arrayContaining(['buffering', 'proxy_buffering']));
    expect(JSON.stringify(result)).not.toMatch(/<mark|<em|<b>/);
  });

  it('times searches in a histogram of their own, apart from the chat questions', async () => {
    await search('q=proxy');
    const metrics = await (await app.request('/metrics')).text();
    expect(Number(metrics.match(/^docent_search_duration_seconds_count (\d+)/m)?.[1])).toBeGreaterThan(0);
    expect(metrics).toMatch(/^docent_retrieval_duration_seconds_count 0$/m);
  });

  it('reads a typo that hid a suffix from the stemmer, finished or still being typed', async () => {
    for (const query of ['q=configuraton', 'q=configuraton%20', 'q=proxy%20bufferng'])
      expect(urls((await search(query)).body).length, query).toBeGreaterThan(0);
  });

  it('finds nothing for a word no page has when the word is complete and short', async () => {
    const { body } = await search('q=zzqx%20');
    expect(body.pages).toEqual([]);
  });

  it('tolerates a typo in a longer word, which exact search would miss', async () => {
    const { body } = await search('q=bufering%20');
    expect(urls(body)[0]).toBe('/docs/deployment#reverse-proxies');
    expect(marked(body)).toContain('buffering');
    const filter = { locale: 'en', version: 'current' };
    expect(await fixture.store.typeahead({ text: 'bufering ', filter, typos: false })).toEqual([]);
  });

  it('ranks sections that match every typed word first', async () => {
    const { body } = await search('q=docker%20compose%20u');
    expect(urls(body)[0]).toBe('/docs/deployment#docker');
  });

  it("searches the reader's locale and version, and nothing else", async () => {
    const french = (await search('q=Installez&locale=fr')).body as SearchResult;
    expect(urls(french)).toEqual(['/fr/docs/install#avec-npm']);
    const legacy = (await search('q=legacy&version=1.x')).body as SearchResult;
    expect(urls(legacy)).toEqual(['/docs/1.x/install#with-npm']);
    expect(legacy.version).toBe('1.x');
    const current = (await search('q=legacy')).body as SearchResult;
    expect(urls(current)).toEqual([]);
  });

  it('refuses an unknown locale or version with the known ones', async () => {
    const response = await app.request('/api/search?q=npm&locale=de');
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('This index has: en, fr');
  });

  it('refuses an over-long query with what to do', async () => {
    const response = await app.request(`/api/search?q=${'a'.repeat(201)}`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/Shorten it, or ask the docs in the chat/);
  });

  it('answers an empty query with no pages', async () => {
    const { body } = await search('q=');
    expect(body.pages).toEqual([]);
  });

  it('is cacheable: Cache-Control, an ETag, and 304 when it matches', async () => {
    const first = await app.request('/api/search?q=docker');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^"[\w-]+"$/);
    const again = await app.request('/api/search?q=docker', { headers: { 'if-none-match': tag! } });
    expect(again.status).toBe(304);
    const other = await app.request('/api/search?q=yarn', { headers: { 'if-none-match': tag! } });
    expect(other.status).toBe(200);
  });
});

describe('GET /api/search bounds', () => {
  it('has its own rate limit, larger than the chat one, with Retry-After', async () => {
    const fixture = await fixtureStore();
    try {
      const app = createApp({
        store: fixture.store,
        config: { rateLimit: { burst: 1, perMinute: 1 } },
        log: () => {},
      });
      for (let i = 0; i < SEARCH_RATE_FACTOR; i++) {
        expect((await app.request('/api/search?q=npm')).status).toBe(200);
      }
      const limited = await app.request('/api/search?q=npm');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await fixture.cleanup();
    }
  });

  it('refuses an origin that is not allowed, and lets an allowed one read the answer', async () => {
    const fixture = await fixtureStore();
    try {
      const app = createApp({
        store: fixture.store,
        config: { rateLimit: null, allowedOrigins: ['https://docs.example.com'] },
        log: () => {},
      });
      const refused = await app.request('/api/search?q=npm', { headers: { origin: 'https://evil.example' } });
      expect(refused.status).toBe(403);
      const allowed = await app.request('/api/search?q=npm', {
        headers: { origin: 'https://docs.example.com' },
      });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://docs.example.com');
    } finally {
      await fixture.cleanup();
    }
  });
});

describe('a question handed over from the search box', () => {
  it('leans towards the page of the first result the reader was shown', async () => {
    const fixture = await fixtureStore();
    try {
      const app = createApp({ store: fixture.store, config: { rateLimit: null }, log: () => {} });
      const top = async (results?: string[]) => {
        const request = {
          messages: [{ role: 'user' as const, parts: [{ type: 'text', text: 'turn off' }] }],
          context: results ? { results } : {},
        };
        const { hits } = await retrieve(request, app.answers, AbortSignal.timeout(5000));
        return hits[0]!.chunk.url.split('#')[0];
      };
      // Two sections about as good: the one on the page of the first result shown comes first.
      expect(await top(['/docs/deployment#docker'])).toBe('/docs/deployment');
      expect(await top(['/docs/configuration#server-url'])).toBe('/docs/configuration');
    } finally {
      await fixture.cleanup();
    }
  });
});
