import type { StoredChunk } from '@docent/protocol';
import { analyze } from './analyzer.js';
import { answerabilityEvidence } from './answerability.js';
import { DenseIndex } from './dense-index.js';
import { LexicalIndex, LexicalIndexBuilder } from './lexical-index.js';
import { pagePath } from './page-path.js';
import { withPagePrior } from './page-prior.js';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.js';
import { searchableText } from './searchable-text.js';
import type { IndexInfo, SearchHit, SearchQuery } from './store.js';
import { topK } from './top-k.js';

export const DEFAULT_SEARCH_LIMIT = 8;
/** Multiplier added to the score of chunks on the reader's current page. */
export const DEFAULT_PAGE_BOOST = 0.15;
/** How many candidates each retriever contributes before fusion and boosts. */
const CANDIDATE_FACTOR = 4;
/** How many top sections together decide the question's coverage (the answerability signal). */
const COVERAGE_DEPTH = 3;

/** One immutable, fully built index in memory: replaced whole on reload, never mutated. */
export class MemoryIndex {
  readonly chunks: readonly StoredChunk[];
  readonly info: IndexInfo | null;
  readonly locales: string[];
  readonly versions: string[];
  private readonly lexical: LexicalIndex;
  private readonly dense: DenseIndex | null;
  private readonly localeOf: Uint16Array;
  private readonly versionOf: Uint16Array;
  private readonly pageOf: string[];

  /**
   * Builds an index in slices, yielding to the event loop between them, so a server that reloads a large
   * index keeps answering while it does.
   */
  static async create(
    chunks: readonly StoredChunk[],
    info: IndexInfo | null,
    slice = 2000,
  ): Promise<MemoryIndex> {
    const builder = new LexicalIndexBuilder();
    for (let start = 0; start < chunks.length; start += slice) {
      for (const chunk of chunks.slice(start, start + slice)) builder.add(searchableText(chunk));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return new MemoryIndex(chunks, info, builder.build());
  }

  constructor(chunks: readonly StoredChunk[], info: IndexInfo | null, lexical?: LexicalIndex) {
    this.chunks = chunks;
    this.info = info;
    this.lexical = lexical ?? LexicalIndex.fromTexts(chunks.map(searchableText));
    const dimensions = info?.embedder?.dimensions ?? 0;
    this.dense =
      dimensions > 0
        ? new DenseIndex(
            chunks.map((chunk) => chunk.vector),
            dimensions,
          )
        : null;
    this.locales = [...new Set(chunks.map((chunk) => chunk.locale))].sort();
    this.versions = [...new Set(chunks.map((chunk) => chunk.version))].sort();
    this.localeOf = Uint16Array.from(chunks, (chunk) => this.locales.indexOf(chunk.locale));
    this.versionOf = Uint16Array.from(chunks, (chunk) => this.versions.indexOf(chunk.version));
    this.pageOf = chunks.map((chunk) => pagePath(chunk.url));
  }

  search(query: SearchQuery, pageBoost = DEFAULT_PAGE_BOOST): SearchHit[] {
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    const locale = query.filter?.locale === undefined ? -1 : this.locales.indexOf(query.filter.locale);
    const version = query.filter?.version === undefined ? -1 : this.versions.indexOf(query.filter.version);
    if (
      (query.filter?.locale !== undefined && locale < 0) ||
      (query.filter?.version !== undefined && version < 0)
    ) {
      return [];
    }
    const accept = (document: number) =>
      (locale < 0 || this.localeOf[document] === locale) &&
      (version < 0 || this.versionOf[document] === version);

    const candidates = limit * CANDIDATE_FACTOR;
    const queryTerms = analyze(query.text);
    const lexical = this.lexical.match(queryTerms, accept);
    const lexicalRanked = topK(lexical.documents, (document) => lexical.bm25[document]!, candidates);

    let fused: Map<number, number>;
    if (this.dense && query.vector) {
      const allAccepted = this.chunks.map((_, document) => document).filter(accept);
      const similarity = this.dense.similarity(query.vector, allAccepted);
      const denseRanked = topK(similarity.keys(), (document) => similarity.get(document)!, candidates);
      fused = reciprocalRankFusion([lexicalRanked, denseRanked]);
    } else {
      fused = new Map(lexicalRanked.map((document) => [document, lexical.bm25[document]!]));
    }
    const scores = withPagePrior(
      [...fused.keys()],
      (document) => fused.get(document)!,
      (document) => this.pageOf[document]!,
    );

    const boostPath = query.boostPath ? pagePath(query.boostPath) : null;
    const boosted = (document: number) =>
      scores.get(document)! * (boostPath !== null && this.pageOf[document] === boostPath ? 1 + pageBoost : 1);
    const ranked = topK(scores.keys(), boosted, limit);
    // The question's coverage by the best few sections together: a how-to often spreads over two sections.
    const combined = this.lexical.coverage(queryTerms, ranked.slice(0, COVERAGE_DEPTH));
    const evidence = answerabilityEvidence(
      query.text,
      combined,
      (term) => this.lexical.occurs(term, accept),
      (term) => this.lexical.idf(term),
    );
    return ranked.map((document, rank) => ({
      chunk: withoutVector(this.chunks[document]!),
      score: boosted(document),
      coverage: rank === 0 ? combined : Math.min(1, lexical.coverage[document]!),
      ...(rank === 0 ? { evidence } : {}),
    }));
  }
}

function withoutVector({ vector: _vector, ...chunk }: StoredChunk) {
  return chunk;
}
