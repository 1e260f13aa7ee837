import { type ChatContext, DEFAULT_VERSION, isBlogVersion } from '@docent/protocol';
import type { SearchFilter, StoreStats } from '@docent/retrieval';
import { DocentError } from '../http/docent-error.js';

/**
 * The docs version a request that names none searches: `--default-version` when set, else the version
 * readers get at the docs root (Docusaurus's `lastVersion`, recorded in the index from the site's build),
 * else `current`.
 */
export function defaultVersionOf(stats: StoreStats, configured: string | undefined): string {
  return configured ?? stats.info?.defaultVersion ?? DEFAULT_VERSION;
}

/**
 * The locale and docs version to search: the reader's, when the index has them (an unknown one is a 400 that
 * lists the known ones); otherwise the default (see `defaultVersionOf`), or no filter when the index has only
 * one. Blog posts are not a docs version: they never count as one, and an index with a blog is always
 * filtered to one docs version (blog posts come in through `searchDocsAndBlog`).
 */
export function resolveFilter(
  context: ChatContext | undefined,
  stats: StoreStats,
  defaults: { defaultLocale: string; defaultVersion?: string | undefined },
): SearchFilter {
  const filter: SearchFilter = {};
  const pick = (
    asked: string | undefined,
    known: string[],
    fallback: string,
    code: 'request:unknown-locale' | 'request:unknown-version',
    noun: string,
    always: boolean,
  ) => {
    if (asked !== undefined && asked !== '') {
      if (!known.includes(asked)) {
        throw new DocentError(
          code,
          `Unknown ${noun} "${asked}". This index has: ${known.join(', ') || 'none yet'}.`,
        );
      }
      return asked;
    }
    if (known.length <= 1) return always ? known[0] : undefined;
    return known.includes(fallback) ? fallback : undefined;
  };
  const locale = pick(
    context?.locale,
    stats.locales,
    defaults.defaultLocale,
    'request:unknown-locale',
    'locale',
    false,
  );
  const docsVersions = stats.versions.filter((version) => !isBlogVersion(version));
  const version = pick(
    context?.version,
    docsVersions,
    defaultVersionOf(stats, defaults.defaultVersion),
    'request:unknown-version',
    'docs version',
    docsVersions.length < stats.versions.length,
  );
  if (locale) filter.locale = locale;
  if (version) filter.version = version;
  return filter;
}
