import type { Chunk, StoredChunk } from '@docent/protocol';
import { answerabilityEvidence } from './answerability.js';
import { DenseIndex } from './dense-index.js';
import { IndexAnalyzers } from './index-analyzers.js';
import { IndexImage } from './index-image.js';
import { LexicalIndex } from './lexical-index.js';
import { markedSnippet, sectionBody } from './marked-snippet.js';
import { packIndex } from './pack-index.js';
import { inPageOrder, pagePath } from './page-path.js';
import { withPagePrior } from './page-prior.js';
import { type RankingSettings, rankingSettings } from './ranking-settings.js';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.js';
import type {
  IndexInfo,
  SearchFilter,
  SearchHit,
  SearchQuery,
  TypeaheadHit,
  TypeaheadQuery,
} from './store.js';
import { TermDictionary } from './term-dictionary.js';
import { topK } from './top-k.js';
import { headingShare, matchTypedWords, rerankByHeadings, typedWords } from './typeahead.js';

export const DEFAULT_SEARCH_LIMIT = 8;
/** Multiplier added to the score of chunks on the reader's current page. */
export const DEFAULT_PAGE_BOOST = 0.15;
/** How many candidates each retriever contributes before fusion and boosts. */
const CANDIDATE_FACTOR = 4;
/** How many top sections together decide the question's coverage (the answerability signal). */
const COVERAGE_DEPTH = 3;
/** Sections beyond the `limit` asked for that search as you type re-ranks by their headings (each is read from disk). */
const RERANK_EXTRA = 8;
/** Terms added to the dictionary between two turns of the event loop while an index opens. */
const TERMS_PER_SLICE = 50_000;

/**
 * One immutable index in memory, searched in place over an `IndexImage`: replaced whole on reload, never
 * mutated. Chunk texts stay encoded in the image until a search returns them.
 */
export class MemoryIndex {
  readonly info: IndexInfo;
  readonly locales: string[];
  readonly versions: string[];
  private dictionary: TermDictionary | null = null;
  private constructor(
    readonly image: IndexImage,
    /** Each locale's analyzer, as the index recorded it. */
    readonly analyzers: IndexAnalyzers,
    private readonly lexical: LexicalIndex,
    private readonly dense: DenseIndex | null,
    private readonly pageIds: ReadonlyMap<string, number>,
    private readonly pagePrior: number,
  ) {
    this.info = image.header.info;
    this.locales = image.meta.locales;
    this.versions = image.meta.versions;
  }

  /**
   * Opens an image for search: builds the term dictionary and term bounds, yielding between slices. Throws
   * a `RangeError` when the index names an analyzer this Docent does not know, or when a ranking setting is
   * out of its range (`ranking`: BM25's k1 and b and the page prior; see `RankingSettings`).
   */
  static async open(image: IndexImage, ranking: Partial<RankingSettings> = {}): Promise<MemoryIndex> {
    const settings = rankingSettings(ranking);
    const analyzers = new IndexAnalyzers(image.header.info);
    const termIds = new Map<string, number>();
    const terms = image.terms;
    for (let start = 0; start < terms.length; start += TERMS_PER_SLICE) {
      const end = Math.min(terms.length, start + TERMS_PER_SLICE);
      for (let id = start; id < end; id++) termIds.set(terms[id]!, id);
      if (end < terms.length) await new Promise((resolve) => setImmediate(resolve));
    }
    if (termIds.size !== terms.length) throw new RangeError('the term list repeats a term');
    const lexical = await LexicalIndex.open(termIds, image.postings, image.localeOf, settings);
    const dense =
      image.vectorCodes && image.vectorScales
        ? new DenseIndex(
            image.vectorCodes,
            image.vectorScales,
            image.header.dimensions,
            (document) => image.floatVector(document),
            image.ivf,
            image.codesByList,
          )
        : null;
    const pageIds = new Map(image.meta.pages.map((page, id) => [page, id]));
    return new MemoryIndex(image, analyzers, lexical, dense, pageIds, settings.pagePrior);
  }

  /** Packs chunks in memory and opens them (tests, benchmarks), with the ranking settings given (see `open`). */
  static async fromChunks(
    chunks: readonly StoredChunk[],
    info: IndexInfo,
    ranking: Partial<RankingSettings> = {},
  ): Promise<MemoryIndex> {
    const { header, body } = await packIndex(chunks, info, {
      headingRepeats: rankingSettings(ranking).headingRepeats,
    });
    return MemoryIndex.open(new IndexImage(header, body), ranking);
  }

  get size(): number {
    return this.image.size;
  }

  /** The chunks of the page at `path`, in their order on it (the index's order for chunks without one). */
  page(path: string): Chunk[] {
    const id = this.pageIds.get(pagePath(path));
    if (id === undefined) return [];
    const { pageOf } = this.image;
    const chunks: Chunk[] = [];
    for (let document = 0; document < pageOf.length; document++)
      if (pageOf[document] === id) chunks.push(this.image.chunk(document));
    return inPageOrder(chunks);
  }

  /** Which documents a filter lets through; null when it names a locale or version the index lacks. */
  private acceptor(filter: SearchFilter | undefined): ((document: number) => boolean) | null {
    const { localeOf, versionOf } = this.image;
    const locale = filter?.locale === undefined ? -1 : this.locales.indexOf(filter.locale);
    const version = filter?.version === undefined ? -1 : this.versions.indexOf(filter.version);
    if ((filter?.locale !== undefined && locale < 0) || (filter?.version !== undefined && version < 0)) {
      return null;
    }
    return (document: number) =>
      (locale < 0 || localeOf[document] === locale) && (version < 0 || versionOf[document] === version);
  }

  /**
   * Search as you type (see `typeahead.ts`): the best `limit` sections for the words typed so far, each with
   * a snippet marking the matched words. The sorted term list it needs is built on the first call.
   */
  typeahead(query: TypeaheadQuery): TypeaheadHit[] {
    const accept = this.acceptor(query.filter);
    if (!accept) return [];
    this.dictionary ??= new TermDictionary(this.image.terms, (id) => this.lexical.frequencyOf(id));
    const analyzer = this.analyzers.forQuery(query.filter?.locale)[0]!;
    const words = typedWords(query.text, analyzer, this.dictionary, {
      ...(query.typos === undefined ? {} : { typos: query.typos }),
    });
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    const termOf = (id: number) => this.image.terms[id]!;
    const candidates = matchTypedWords(words, this.lexical, accept, limit + RERANK_EXTRA).map((match) => ({
      ...match,
      chunk: this.image.chunk(match.document),
    }));
    const matches = rerankByHeadings(candidates, ({ chunk }) =>
      headingShare(words, chunk.headings, this.analyzers.of(chunk.locale), termOf),
    ).slice(0, limit);
    const terms = new Set(words.flatMap((word) => [...word.terms.keys()].map(termOf)));
    const prefixes = words.flatMap((word) => (word.prefix ? [word.prefix] : []));
    const memo = new Map<string, boolean>();
    return matches.map(({ chunk, score, matchedWords }) => {
      const analyzer = this.analyzers.of(chunk.locale);
      const snippet = markedSnippet(sectionBody(chunk), terms, prefixes, analyzer, undefined, memo);
      return { chunk, score, matchedWords, snippet };
    });
  }

  /**
   * The best chunks for a query (lexical, fused with dense when the query has a vector). `ivfProbes`: how
   * many IVF lists the dense side scans at least, when the index has them (default `DEFAULT_IVF_PROBES`).
   */
  search(query: SearchQuery, pageBoost = DEFAULT_PAGE_BOOST, ivfProbes?: number): SearchHit[] {
    const { pageOf } = this.image;
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    const accept = this.acceptor(query.filter);
    if (!accept) return [];

    const candidates = limit * CANDIDATE_FACTOR;
    const queryTerms = this.analyzers.queryTerms(query.text, query.filter?.locale);
    const lexical = this.lexical.match(queryTerms, accept, candidates);

    let fused: Map<number, number>;
    if (this.dense && query.vector) {
      const dense = this.dense.nearest(query.vector, accept, candidates, ivfProbes);
      fused = reciprocalRankFusion([lexical.documents, [...dense.keys()]]);
    } else {
      fused = lexical.scores;
    }
    const scores = withPagePrior(
      [...fused.keys()],
      (document) => fused.get(document)!,
      (document) => pageOf[document]!,
      this.pagePrior,
    );

    const boostPage = query.boostPath ? (this.pageIds.get(pagePath(query.boostPath)) ?? -1) : -1;
    const boosted = (document: number) =>
      scores.get(document)! * (boostPage >= 0 && pageOf[document] === boostPage ? 1 + pageBoost : 1);
    const ranked = topK(scores.keys(), boosted, limit);
    // The question's coverage by the best few sections together: a how-to often spreads over two sections.
    const combined = this.lexical.coverage(queryTerms, ranked.slice(0, COVERAGE_DEPTH));
    const chunks = ranked.map((document) => this.image.chunk(document));
    const evidence = answerabilityEvidence(
      query.text,
      combined,
      (term) => this.lexical.occurs(term, accept),
      {
        weight: (term) => this.lexical.idf(term),
        analyzer: this.analyzers.forQuery(query.filter?.locale)[0]!,
        bestSections: chunks
          .slice(0, COVERAGE_DEPTH)
          .map((chunk) => chunk.text)
          .join('\n'),
      },
    );
    return ranked.map((document, rank) => ({
      chunk: chunks[rank]!,
      score: boosted(document),
      coverage: rank === 0 ? combined : Math.min(1, this.lexical.coverageOf(queryTerms, document)),
      ...(rank === 0 ? { evidence } : {}),
    }));
  }
}
