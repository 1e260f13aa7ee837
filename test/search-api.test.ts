import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderFiles, runIndex } from '@docent/indexer';
import { type SearchResult, searchResultSchema } from '@docent/protocol';
import { LocalStore } from '@docent/retrieval';
import { createApp } from '@docent/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pnpm = join(import.meta.dirname, '..', 'eval', 'corpora', 'pnpm-docs');

/** pnpm's real docs, indexed by the indexer as a site would be: English (current and 10.x) and Chinese. */
describe('GET /api/search on pnpm’s docs', () => {
  let folder: string;
  let store: LocalStore;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-search-'));
    store = await LocalStore.open({ path: join(folder, 'index.docent') });
    const folders = await Promise.all([
      folderFiles(join(pnpm, 'docs'), { baseUrl: '/docs', locale: 'en', version: 'current' }),
      folderFiles(join(pnpm, 'versioned_docs', 'version-10.x'), {
        baseUrl: '/docs/10.x',
        locale: 'en',
        version: '10.x',
      }),
      folderFiles(join(pnpm, 'i18n', 'zh', 'docusaurus-plugin-content-docs', 'current'), {
        baseUrl: '/zh/docs',
        locale: 'zh',
        version: 'current',
      }),
    ]);
    const { summary } = await runIndex({ files: folders.flatMap((f) => f.files), store, embedder: null });
    expect(summary.errors).toEqual([]);
    app = createApp({ store, config: { rateLimit: null }, log: () => {} });
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await rm(folder, { recursive: true, force: true });
  });

  const search = async (query: string): Promise<SearchResult> => {
    const response = await app.request(`/api/search?${query}`);
    expect(response.status).toBe(200);
    return searchResultSchema.parse(await response.json());
  };

  it('finds the page being typed, prefix by prefix', async () => {
    const typed = ['wor', 'works', 'workspac', 'workspace prot', 'workspace protocol'];
    const tops = [];
    for (const prefix of typed) tops.push((await search(`q=${encodeURIComponent(prefix)}`)).pages[0]?.url);
    // By the full word the Workspaces page leads, and it stays there as the reader types on.
    expect(tops.slice(2)).toEqual(['/docs/workspaces', '/docs/workspaces', '/docs/workspaces']);
    const result = await search('q=workspace%20prot');
    const section = result.pages[0]!.sections.find((s) => s.url.endsWith('#workspace-protocol-workspace'));
    expect(section?.breadcrumb).toEqual(['Workspace', 'Workspace protocol (workspace:)']);
  });

  it('groups sections under their page, at most three per page', async () => {
    const result = await search('q=workspace');
    const pages = result.pages.map((page) => page.url);
    expect(new Set(pages).size).toBe(pages.length);
    // A long section is several chunks with one URL: listed once.
    const sections = result.pages.flatMap((page) => page.sections.map((section) => section.url));
    expect(new Set(sections).size).toBe(sections.length);
    for (const page of result.pages) {
      expect(page.sections.length).toBeLessThanOrEqual(3);
      for (const section of page.sections) expect(section.url.startsWith(page.url)).toBe(true);
    }
  });

  it('searches Chinese pages with the Chinese analyzer, prefix included', async () => {
    const result = await search(`q=${encodeURIComponent('工作空间协')}&locale=zh`);
    expect(result.locale).toBe('zh');
    expect(result.pages[0]?.url).toBe('/zh/docs/workspaces');
    for (const page of result.pages) expect(page.url.startsWith('/zh/docs/')).toBe(true);
    const section = result.pages[0]!.sections[0]!;
    const marks = section.snippet.highlights.map(([a, b]) => section.snippet.text.slice(a, b));
    expect(marks.join(' ')).toContain('工作空间');
  });

  it('keeps to the version asked for', async () => {
    const result = await search('q=workspace&version=10.x');
    expect(result.version).toBe('10.x');
    expect(result.pages.length).toBeGreaterThan(0);
    for (const page of result.pages) expect(page.url.startsWith('/docs/10.x/')).toBe(true);
  });
});
