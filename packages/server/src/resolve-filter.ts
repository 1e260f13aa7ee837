import type { ChatContext } from '@docent/protocol';
import type { SearchFilter, StoreStats } from '@docent/retrieval';
import { DocentError } from './docent-error.js';

/**
 * The locale and version to search: the reader's, when the index has them (an unknown one is a 400 that
 * lists the known ones); otherwise the configured default, or no filter when the index has only one.
 */
export function resolveFilter(
  context: ChatContext | undefined,
  stats: StoreStats,
  defaults: { defaultLocale: string; defaultVersion: string },
): SearchFilter {
  const filter: SearchFilter = {};
  const pick = (
    asked: string | undefined,
    known: string[],
    fallback: string,
    code: 'request:unknown-locale' | 'request:unknown-version',
    noun: string,
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
    if (known.length <= 1) return undefined;
    return known.includes(fallback) ? fallback : undefined;
  };
  const locale = pick(
    context?.locale,
    stats.locales,
    defaults.defaultLocale,
    'request:unknown-locale',
    'locale',
  );
  const version = pick(
    context?.version,
    stats.versions,
    defaults.defaultVersion,
    'request:unknown-version',
    'docs version',
  );
  if (locale) filter.locale = locale;
  if (version) filter.version = version;
  return filter;
}
