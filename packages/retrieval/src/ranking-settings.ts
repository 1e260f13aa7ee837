import { PAGE_PRIOR_WEIGHT } from './page-prior.js';

/**
 * The fitted settings of the local store's ranking. The defaults were measured on every eval corpus (the
 * Benchmarks page, "What was tried"); `pnpm run eval -- --fit-retrieval` checks them leave-one-corpus-out over a
 * grid, and another value ships only when every held-out corpus gains (the page shows each fold).
 */
export type RankingSettings = {
  /** BM25's term-frequency saturation (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009), > 0. Default 1.2. */
  k1: number;
  /** BM25's length normalisation, 0 (none) to 1 (full), against the average length of the section's locale. Default 0.75. */
  b: number;
  /** Share of a page's best candidate score added to each of its candidates (see `withPagePrior`), ≥ 0. Default 0.3. */
  pagePrior: number;
  /**
   * Extra copies of a section's own heading and its page title in the text it is searched by (a field
   * weight: the breadcrumb at the start of every section's text is the first copy), a whole number ≥ 0.
   * Read when an index is packed, so changing it needs a new index. Default 1.
   */
  headingRepeats: number;
};

export const DEFAULT_RANKING: RankingSettings = {
  k1: 1.2,
  b: 0.75,
  pagePrior: PAGE_PRIOR_WEIGHT,
  headingRepeats: 1,
};

/**
 * The defaults with `settings` laid over them. Throws a `RangeError` naming the setting when one is out of
 * its range (see `RankingSettings`).
 */
export function rankingSettings(settings: Partial<RankingSettings> = {}): RankingSettings {
  const merged = { ...DEFAULT_RANKING, ...settings };
  const wrong = (name: string, range: string) =>
    new RangeError(`ranking.${name} must be ${range}; got ${String(merged[name as keyof RankingSettings])}`);
  if (!(merged.k1 > 0)) throw wrong('k1', 'a number above 0');
  if (!(merged.b >= 0 && merged.b <= 1)) throw wrong('b', 'a number from 0 to 1');
  if (!(merged.pagePrior >= 0)) throw wrong('pagePrior', 'a number of 0 or more');
  if (!(Number.isInteger(merged.headingRepeats) && merged.headingRepeats >= 0))
    throw wrong('headingRepeats', 'a whole number of 0 or more');
  return merged;
}
