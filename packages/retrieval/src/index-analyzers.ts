import { type Analyzer, analyzerById, analyzerFor } from './analyzer.js';
import { LEGACY_ANALYZER } from './legacy-analyzer.js';
import type { IndexInfo } from './store.js';

/**
 * The analyzer of each locale of one index, as the index recorded them (`IndexInfo.analyzers`), so a question
 * is always analysed as its locale's pages were. An index written before analyzers were recorded (format 2,
 * or a Qdrant collection from then) analysed every locale with the English analyzer of then
 * (`LEGACY_ANALYZER`), and is read with it.
 */
export class IndexAnalyzers {
  private readonly byLocale: Map<string, Analyzer>;

  /** Throws a `RangeError` naming the analyzer when the index recorded one this Docent does not know. */
  constructor(info: Pick<IndexInfo, 'analyzers'> | null | undefined) {
    this.byLocale = new Map(
      Object.entries(info?.analyzers ?? {}).map(([locale, id]) => [locale, analyzerById(id)]),
    );
  }

  /** Whether the index recorded its analyzers (false: every locale was analysed as English). */
  get recorded(): boolean {
    return this.byLocale.size > 0;
  }

  /** The analyzer of a locale's pages; English for a locale the index did not record. */
  of(locale: string): Analyzer {
    return this.byLocale.get(locale) ?? (this.recorded ? analyzerFor(locale) : LEGACY_ANALYZER);
  }

  /**
   * The analyzers a question is analysed with: its locale's, or, for a search over every locale, each
   * analyzer the index uses (their terms are merged).
   */
  forQuery(locale: string | undefined): Analyzer[] {
    if (locale !== undefined) return [this.of(locale)];
    const all = new Map([...this.byLocale.values()].map((analyzer) => [analyzer.id, analyzer]));
    return all.size > 0 ? [...all.values()] : [LEGACY_ANALYZER];
  }

  /** The terms of a question under `forQuery(locale)`, each once per analyzer that yields it, in order. */
  queryTerms(text: string, locale: string | undefined): string[] {
    const analyzers = this.forQuery(locale);
    if (analyzers.length === 1) return analyzers[0]!.analyze(text);
    const terms = new Set<string>();
    for (const analyzer of analyzers) for (const term of analyzer.analyze(text)) terms.add(term);
    return [...terms];
  }
}

/**
 * The `analyzers` record for an index of chunks in these locales (what `packIndex` and the Qdrant store
 * write into `IndexInfo`): each locale's analyzer id, from `analyzerFor`.
 */
export function analyzersFor(locales: Iterable<string>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const locale of [...new Set(locales)].sort()) record[locale] = analyzerFor(locale).id;
  return record;
}
