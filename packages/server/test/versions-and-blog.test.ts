import { createHash } from 'node:crypto';
import { BLOG_VERSION, type Chunk, type SearchResult } from '@docent/protocol';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/create-app.js';
import { fixtureStore, INFO } from './docs-fixture.js';
import { listen, question, readParts } from './stream-client.js';

function chunk(url: string, version: string, headings: string[], body: string, sourcePath: string): Chunk {
  const text = `${headings.join(' > ')}\n\n${body}`;
  return {
    id: createHash('sha256').update(`${version}${url}`).digest('hex').slice(0, 32),
    text,
    sourcePath,
    headings,
    url,
    title: headings[0]!,
    locale: 'en',
    version,
    hash: createHash('sha256').update(text).digest('hex').slice(0, 32),
  };
}

/**
 * A versioned site as Docusaurus serves it: `2.x` (its `lastVersion`) at `/docs/`, the unreleased `current`
 * at `/docs/next/`, a blog, and a page at a non-ASCII path.
 */
const CHUNKS = [
  chunk(
    '/docs/next/install#setup',
    'current',
    ['Install', 'Setup'],
    'Install the unreleased widget toolkit with npm install widgets@next.',
    'install.md',
  ),
  chunk(
    '/docs/install#setup',
    '2.x',
    ['Install', 'Setup'],
    'Install the released widget toolkit with npm install widgets.',
    'install.md',
  ),
  chunk(
    '/docs/espresso#brewing',
    '2.x',
    ['Espresso', 'Brewing'],
    'Brewing settings for the espresso widget: grind, dose and water temperature.',
    'espresso.md',
  ),
  chunk(
    '/docs/café-guide#brewing',
    '2.x',
    ['Café guide', 'Brewing'],
    'Brewing settings for the espresso widget: grind, dose and water temperature.',
    'café-guide.md',
  ),
  chunk(
    '/blog/widgets-2-4#whats-new',
    BLOG_VERSION,
    ['Widgets 2.4', "What's new"],
    'Widgets 2.4 is out: install the released widget toolkit with npm install widgets; the toolkit now ships a gauge widget with animated needles.',
    'blog/2024-05-01-widgets-2-4.md',
  ),
];

describe('versions and the blog, as readers of a versioned Docusaurus site get them', () => {
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  const servers: Awaited<ReturnType<typeof listen>>[] = [];

  beforeAll(async () => {
    fixture = await fixtureStore({ chunks: CHUNKS, info: { ...INFO, defaultVersion: '2.x' } });
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await fixture.cleanup();
  });

  async function sources(body: unknown, config: Record<string, unknown> = {}): Promise<string[]> {
    const app = createApp({ store: fixture.store, config: { rateLimit: null, ...config }, log: () => {} });
    const response = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await readParts(response)).flatMap((part) =>
      part !== 'DONE' && part.type === 'source-url' ? [part.url] : [],
    );
  }

  it('answers a reader on the home page from the version at the docs root, not the unreleased one', async () => {
    const urls = await sources(question('How do I install the widget toolkit?', { context: { path: '/' } }));
    expect(urls[0]).toBe('/docs/install#setup');
    expect(urls).not.toContain('/docs/next/install#setup');
  });

  it('lets --default-version override the version the build recorded', async () => {
    const urls = await sources(question('How do I install the widget toolkit?', { context: { path: '/' } }), {
      defaultVersion: 'current',
    });
    expect(urls[0]).toBe('/docs/next/install#setup');
  });

  it('never offers the blog as a docs version', async () => {
    const app = createApp({ store: fixture.store, config: { rateLimit: null }, log: () => {} });
    const response = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(question('How do I install?', { context: { version: BLOG_VERSION } })),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/This index has: (current, 2\.x|2\.x, current)\./);
  });

  it('prefers the docs; a blog post comes in when it matches clearly better', async () => {
    const install = await sources(
      question('How do I install the widget toolkit?', { context: { path: '/' } }),
    );
    expect(install.some((url) => url.startsWith('/blog/'))).toBe(false);
    const gauge = await sources(
      question('Which release ships the gauge widget with animated needles?', { context: { path: '/' } }),
    );
    expect(gauge[0]).toBe('/blog/widgets-2-4#whats-new');
  });

  it('gives a reader on a blog post the blog first', async () => {
    const urls = await sources(
      question('How do I install the widget toolkit?', { context: { path: '/blog/widgets-2-4' } }),
    );
    expect(urls[0]).toBe('/blog/widgets-2-4#whats-new');
    expect(urls).toContain('/docs/install#setup');
  });

  it('lists matching blog posts in the search box after the docs pages of the version asked', async () => {
    const app = createApp({ store: fixture.store, config: { rateLimit: null }, log: () => {} });
    const search = async (q: string) => {
      const response = await app.request(`/api/search?${new URLSearchParams({ q, version: '2.x' })}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as SearchResult).pages.map((page) => `${page.version} ${page.url}`);
    };
    const pages = await search('install the widget toolkit');
    expect(pages[0]).toBe('2.x /docs/install');
    expect(pages.at(-1)).toBe(`${BLOG_VERSION} /blog/widgets-2-4`);
    expect(pages.slice(0, -1).every((page) => page.startsWith('2.x /docs/'))).toBe(true);
    expect(await search('gauge needl')).toEqual([`${BLOG_VERSION} /blog/widgets-2-4`]);
    expect(await search('espresso grind')).toEqual(['2.x /docs/espresso', '2.x /docs/caf%C3%A9-guide']);
  });

  it('lists at most two blog posts, and only those of the locale searched', async () => {
    const posts = ['one', 'two', 'three'].map((name) =>
      chunk(
        `/blog/gauge-${name}#gauge`,
        BLOG_VERSION,
        [`Gauge ${name}`, 'Gauge'],
        'A gauge post.',
        `blog/${name}.md`,
      ),
    );
    const french = {
      ...chunk('/fr/blog/jauge#gauge', BLOG_VERSION, ['Jauge', 'Gauge'], 'Un billet gauge.', 'blog/fr.md'),
      locale: 'fr',
    };
    const own = await fixtureStore({
      chunks: [...CHUNKS, ...posts, french],
      info: { ...INFO, defaultVersion: '2.x' },
    });
    try {
      const app = createApp({ store: own.store, config: { rateLimit: null }, log: () => {} });
      const response = await app.request(
        `/api/search?${new URLSearchParams({ q: 'gauge', version: '2.x', locale: 'en' })}`,
      );
      const pages = ((await response.json()) as SearchResult).pages;
      expect(pages.map((page) => page.version)).toEqual([BLOG_VERSION, BLOG_VERSION]);
      expect(pages.every((page) => !page.url.startsWith('/fr/'))).toBe(true);
    } finally {
      await own.cleanup();
    }
  });

  it('boosts the page a reader is on when its path is not ASCII (sent percent-encoded)', async () => {
    const ask = (path: string) =>
      sources(question('Which grind, dose and water temperature for brewing?', { context: { path } }));
    expect((await ask('/docs/caf%C3%A9-guide'))[0]).toBe('/docs/caf%C3%A9-guide#brewing');
    expect((await ask('/docs/espresso'))[0]).toBe('/docs/espresso#brewing');
  });

  it('serves MCP with the default version, and read_page takes the URL search_docs returned', async () => {
    const app = createApp({
      store: fixture.store,
      config: { rateLimit: null, siteUrl: 'https://docs.example.com' },
      log: () => {},
    });
    const server = await listen(app);
    servers.push(server);
    const client = new Client({ name: 'docent-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    const search = (await client.callTool({
      name: 'search_docs',
      arguments: { query: 'install the widget toolkit' },
    })) as { structuredContent: { results: { url: string }[] } };
    expect(search.structuredContent.results[0]!.url).toBe('https://docs.example.com/docs/install#setup');
    const brewing = (await client.callTool({
      name: 'search_docs',
      arguments: { query: 'espresso brewing grind dose café guide' },
    })) as { structuredContent: { results: { url: string }[] } };
    const cafe = brewing.structuredContent.results.find((result) => result.url.includes('caf'))!;
    expect(cafe.url).toBe('https://docs.example.com/docs/caf%C3%A9-guide#brewing');
    const page = (await client.callTool({ name: 'read_page', arguments: { url: cafe.url } })) as {
      content: { text: string }[];
      isError?: boolean;
    };
    expect(page.isError).toBeFalsy();
    expect(page.content[0]!.text).toMatch(/^# Café guide[\s\S]*grind, dose and water temperature/);
    await client.close();
  });
});
