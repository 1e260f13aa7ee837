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

/** The most extra copies of a heading `headingRepeats` allows (the eval's grid stops at 3). */
export const MAX_HEADING_REPEATS = 10;

/**
 * The defaults with `settings` laid over them (a setting given as `undefined` keeps its default). Throws a
 * `RangeError` naming the setting when one is out of its range (see `RankingSettings`; `headingRepeats` at
 * most `MAX_HEADING_REPEATS`).
 */
export function rankingSettings(settings: Partial<RankingSettings> = {}): RankingSettings {
  const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  const merged: RankingSettings = { ...DEFAULT_RANKING, ...given };
  const wrong = (name: keyof RankingSettings, range: string) =>
    new RangeError(`ranking.${name} must be ${range}; got ${String(merged[name])}`);
  const finite = Number.isFinite;
  if (!(finite(merged.k1) && merged.k1 > 0)) throw wrong('k1', 'a finite number above 0');
  if (!(merged.b >= 0 && merged.b <= 1)) throw wrong('b', 'a number from 0 to 1');
  if (!(finite(merged.pagePrior) && merged.pagePrior >= 0))
    throw wrong('pagePrior', 'a finite number of 0 or more');
  const repeats = merged.headingRepeats;
  if (!(Number.isInteger(repeats) && repeats >= 0 && repeats <= MAX_HEADING_REPEATS))
    throw wrong('headingRepeats', `a whole number from 0 to ${MAX_HEADING_REPEATS}`);
  return merged;
}
