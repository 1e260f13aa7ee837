import { createHash } from 'node:crypto';
import {
  BLOG_VERSION,
  MAX_SEARCH_QUERY_LENGTH,
  type SearchPage,
  type SearchResult,
  siteLink,
} from '@docent/protocol';
import {
  analyzerFor,
  markedSnippet,
  pagePath,
  type Store,
  StoreError,
  sectionBody,
  type TypeaheadHit,
  type TypeaheadQuery,
} from '@docent/retrieval';
import type { Hono } from 'hono';
import { resolveFilter } from '../answering/resolve-filter.js';
import type { AppContext } from './app-context.js';
import { DocentError } from './docent-error.js';

/** Sections searched per request, then grouped by page. */
const SECTIONS_SEARCHED = 24;
/** Pages returned, and sections shown per page. */
const MAX_PAGES = 8;
const SECTIONS_PER_PAGE = 3;
/** Blog posts listed after the docs pages, at most (a site with a blog; the blog has no docs version). */
const BLOG_PAGES = 2;
/** How long a browser or CDN may reuse an answer: the index changes only when the indexer publishes. */
const MAX_AGE_SECONDS = 60;

/**
 * `GET /api/search?q=…&locale=…&version=…`: search as you type, from the chat's index, analyzer and scope
 * (locale and docs version resolved as for the chat). Sections grouped by page, best first, each with its
 * breadcrumb, `page#anchor` link and a snippet with the matched words as offsets; on a site with a blog, the
 * matching posts (at most `BLOG_PAGES`, `version: "/blog"`) follow the docs pages. Answers carry
 * `Cache-Control` and a strong `ETag` (a repeated query gets `304 Not Modified`). Origins and the rate limit
 * are checked by the `/api/*` guard; the query is bounded by `MAX_SEARCH_QUERY_LENGTH`.
 */
export function searchRoute(app: Hono, context: AppContext): void {
  const { store, config } = context;
  app.get('/api/search', async (c) => {
    const q = c.req.query('q') ?? '';
    if (q.length > MAX_SEARCH_QUERY_LENGTH) {
      throw new DocentError(
        'request:question-too-long',
        `The search is over ${MAX_SEARCH_QUERY_LENGTH} characters. Shorten it, or ask the docs in the chat.`,
      );
    }
    const locale = c.req.query('locale');
    const version = c.req.query('version');
    const started = performance.now();
    let stats: Awaited<ReturnType<Store['stats']>>;
    let hits: TypeaheadHit[];
    let blogHits: TypeaheadHit[];
    let filter: { locale?: string; version?: string };
    try {
      stats = await store.stats();
      filter = resolveFilter(
        { ...(locale ? { locale } : {}), ...(version ? { version } : {}) },
        stats,
        config,
      );
      const searching = q.trim() !== '';
      // A docs version in the filter leaves the blog out: its posts are searched on their own and listed after
      // the docs pages, so a post never pushes a docs page down.
      const withBlog = searching && filter.version !== undefined && stats.versions.includes(BLOG_VERSION);
      const blogFilter = { ...(filter.locale ? { locale: filter.locale } : {}), version: BLOG_VERSION };
      [hits, blogHits] = await Promise.all([
        searching ? typeahead(store, { text: q, filter, limit: SECTIONS_SEARCHED }) : [],
        withBlog
          ? typeahead(store, { text: q, filter: blogFilter, limit: BLOG_PAGES * SECTIONS_PER_PAGE * 2 })
          : [],
      ]);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'store:unavailable') {
        throw new DocentError(
          'store:unavailable',
          `${error.message} Search is unavailable; try again shortly.`,
          {
            cause: error,
          },
        );
      }
      throw error;
    } finally {
      context.metrics.searchSeconds.observe((performance.now() - started) / 1000);
    }
    const result: SearchResult = {
      query: q,
      locale: filter.locale ?? null,
      version: filter.version ?? null,
      pages: [...groupByPage(hits), ...groupByPage(blogHits).slice(0, BLOG_PAGES)],
    };
    const body = JSON.stringify(result);
    const tag = `"${createHash('sha256')
      .update(`${stats.info?.builtAt ?? ''}\u0000${stats.chunks}\u0000${body}`)
      .digest('base64url')
      .slice(0, 27)}"`;
    const headers = {
      'cache-control': `public, max-age=${MAX_AGE_SECONDS}`,
      etag: tag,
    };
    const asked = c.req.header('if-none-match');
    if (asked?.split(/\s*,\s*/).some((value) => value.replace(/^W\//, '') === tag)) {
      return c.body(null, 304, headers);
    }
    return c.body(body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  });
}

/** The store's own search as you type, or (a store without one) its whole-word search, marked the same way. */
async function typeahead(store: Store, query: TypeaheadQuery): Promise<TypeaheadHit[]> {
  if (store.typeahead) return store.typeahead(query);
  const hits = await store.search({
    text: query.text,
    ...(query.filter ? { filter: query.filter } : {}),
    ...(query.limit ? { limit: query.limit } : {}),
  });
  const analyzer = analyzerFor(query.filter?.locale);
  const terms = new Set(analyzer.analyze(query.text));
  return hits.map((hit) => ({
    chunk: hit.chunk,
    score: hit.score,
    matchedWords: 0,
    snippet: markedSnippet(sectionBody(hit.chunk), terms, [], analyzer),
  }));
}

/**
 * Hits grouped by page in the order of each page's best hit, each section (URL) once; links that fail
 * `siteLink` are left out.
 */
export function groupByPage(hits: readonly TypeaheadHit[]): SearchPage[] {
  const pages = new Map<string, SearchPage>();
  for (const { chunk, snippet } of hits) {
    const url = siteLink(chunk.url);
    const pageUrl = siteLink(chunk.url.replace(/#.*$/, ''));
    if (!url || !pageUrl) continue;
    const key = pagePath(pageUrl);
    let page = pages.get(key);
    if (!page) {
      if (pages.size >= MAX_PAGES) continue;
      page = { title: chunk.title, url: pageUrl, version: chunk.version, sections: [] };
      pages.set(key, page);
    }
    // A long section is several chunks with one URL: it is listed once, by its best chunk.
    if (page.sections.length >= SECTIONS_PER_PAGE || page.sections.some((s) => s.url === url)) continue;
    page.sections.push({
      heading: chunk.headings.at(-1) ?? chunk.title,
      breadcrumb: chunk.headings,
      url,
      snippet,
    });
  }
  return [...pages.values()];
}
