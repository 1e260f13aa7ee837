import { BLOG_VERSION } from '@docent/protocol';
import type { SearchHit, SearchQuery, Store } from './store.js';

/**
 * How much more of the question a blog post must cover than the best docs section (coverage is the
 * idf-weighted share of the question's terms, 0..1, comparable across searches) to come in ahead of the docs.
 */
export const BLOG_MARGIN = 0.15;

/**
 * Where blog posts stand in a search: `docs` (the default) answers from the docs and lets a post in only when
 * it matches clearly better; `blog` (a reader on a blog post) puts posts that match about as well first.
 */
export type BlogPreference = 'docs' | 'blog';

/**
 * Searches the docs version the query's filter names and, when the index holds blog posts (chunks with
 * `BLOG_VERSION`), the blog of the same locale; the blog is its own kind of source, never a docs version.
 * With `docs`, the blog posts covering the question at least `BLOG_MARGIN` better than the best docs section
 * come first, then the docs; with `blog`, the posts within `BLOG_MARGIN` of the best docs section come
 * first. Other posts are left out. `hasBlog` is from `StoreStats.versions` (saves a stats call).
 */
export async function searchDocsAndBlog(
  store: Pick<Store, 'search'>,
  query: SearchQuery,
  options: { hasBlog: boolean; prefer?: BlogPreference },
): Promise<SearchHit[]> {
  const docs = await store.search(query);
  // Without a docs version in the filter the first search already covered the blog.
  const version = query.filter?.version;
  if (!options.hasBlog || version === undefined || version === BLOG_VERSION) return docs;
  const blog = await store.search({ ...query, filter: { ...query.filter, version: BLOG_VERSION } });
  if (blog.length === 0) return docs;
  const best = docs[0]?.coverage ?? 0;
  const bar = options.prefer === 'blog' ? best - BLOG_MARGIN : best + BLOG_MARGIN;
  const ahead = blog.filter((hit) => hit.coverage > 0 && hit.coverage >= bar);
  if (ahead.length === 0) return docs;
  // The answerability check reads the evidence of the first hit; each list's best hit carries its own.
  return [...ahead, ...docs].slice(0, query.limit ?? 8);
}
