import { randomBytes } from 'node:crypto';
import type { Chunk, StoredChunk } from '@docent/protocol';
import { QdrantClient } from '@qdrant/js-client-rest';
import { presenceTerms } from './answerability.js';
import { analyzersFor, IndexAnalyzers } from './index-analyzers.js';
import { DEFAULT_PAGE_BOOST, DEFAULT_SEARCH_LIMIT } from './memory-index.js';
import { inPageOrder, pagePath } from './page-path.js';
import { rankCandidates, withEvidence } from './qdrant-hits.js';
import { type ChunkPayload, chunkStateOf, DENSE_VECTOR, fromPayload, toPoint } from './qdrant-point.js';
import {
  collectionRequest,
  INDEXED_FIELDS,
  presenceRequest,
  type QdrantFilter,
  searchFilter,
  searchRequest,
} from './qdrant-query.js';
import { qdrantRequest } from './qdrant-request.js';
import { readCollectionStats } from './qdrant-stats.js';
import { redactUrl, redactUrls } from './redact-url.js';
import type {
  ChangeSet,
  ChunkState,
  IndexInfo,
  SearchHit,
  SearchQuery,
  Store,
  StoreHealth,
  StoreStats,
} from './store.js';
import { StoreError } from './store-error.js';

export type QdrantStoreOptions = {
  url: string;
  apiKey?: string;
  /** The alias readers query; full rebuilds go to `<collection>-<stamp>` and then move the alias. */
  collection?: string;
  batchSize?: number;
  retries?: number;
  pageBoost?: number;
  timeoutMs?: number;
  /** How long stats (chunk count, locales, versions) are reused before Qdrant is asked again. */
  statsTtlMs?: number;
  /** Told about failures that do not fail the operation (an old collection left behind). Default: stderr. */
  warn?: (message: string) => void;
};

/** The Qdrant store: sparse BM25 (server-side idf) plus an optional dense vector, fused with RRF. */
export class QdrantStore implements Store {
  readonly kind = 'qdrant';
  readonly client: QdrantClient;
  readonly alias: string;
  private statsCache: { value: StoreStats; at: number } | null = null;

  constructor(private readonly options: QdrantStoreOptions) {
    if (!/^https?:\/\//.test(options.url)) {
      throw new Error(
        `QDRANT_URL must be an http(s) URL such as http://localhost:6333, not "${options.url}".`,
      );
    }
    this.alias = options.collection ?? 'docent';
    this.client = new QdrantClient({
      url: options.url,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      checkCompatibility: false,
      timeout: options.timeoutMs ?? 30_000,
    });
  }

  async publish(chunks: StoredChunk[], info: IndexInfo): Promise<void> {
    this.statsCache = null;
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const name = `${this.alias}-${stamp}-${randomBytes(3).toString('hex')}`;
    const dimensions = info.embedder?.dimensions ?? 0;
    const recorded: IndexInfo = { ...info, analyzers: analyzersFor(chunks.map((chunk) => chunk.locale)) };
    try {
      await this.call(() =>
        this.client.api().createCollection(collectionRequest(name, dimensions, { docent: recorded })),
      );
      for (const field of INDEXED_FIELDS) {
        await this.call(() =>
          this.client.createPayloadIndex(name, { field_name: field, field_schema: 'keyword', wait: true }),
        );
      }
      await this.upsert(name, chunks, dimensions > 0, new IndexAnalyzers(recorded));
    } catch (error) {
      await this.client.deleteCollection(name).catch(() => undefined);
      throw error;
    }
    const previous = await this.aliasTarget();
    await this.call(() =>
      this.client.updateCollectionAliases({
        actions: [
          ...(previous ? [{ delete_alias: { alias_name: this.alias } }] : []),
          { create_alias: { collection_name: name, alias_name: this.alias } },
        ],
      }),
    );
    if (previous) {
      await this.client
        .deleteCollection(previous)
        .catch((error: Error) =>
          (this.options.warn ?? ((message) => console.warn(`[docent] ${message}`)))(
            `the new index is live, but the old collection ${previous} could not be deleted (${error.message}); delete it in Qdrant to free its space`,
          ),
        );
    }
    this.statsCache = null;
  }

  async applyChanges(changes: ChangeSet, info: IndexInfo): Promise<void> {
    this.statsCache = null;
    if (!(await this.aliasTarget())) return this.publish(changes.upserts, info);
    const batchSize = this.options.batchSize ?? 256;
    for (let start = 0; start < changes.deletes.length; start += batchSize) {
      const ids = changes.deletes.slice(start, start + batchSize);
      await this.call(() =>
        this.client.delete(this.alias, {
          wait: true,
          filter: { must: [{ key: 'chunk_id', match: { any: ids } }] },
        }),
      );
    }
    // New points are analysed as the collection's others were (its recorded analyzers).
    const analyzers = this.analyzersOf((await this.readStats()).info);
    await this.upsert(this.alias, changes.upserts, (info.embedder?.dimensions ?? 0) > 0, analyzers);
    this.statsCache = null;
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    const candidates = limit * 4;
    const analyzers = this.analyzersOf((await this.stats()).info);
    const queryTerms = analyzers.queryTerms(query.text, query.filter?.locale);
    const analyzer = analyzers.forQuery(query.filter?.locale)[0]!;
    const filter = searchFilter(query);
    const request = searchRequest(queryTerms, query.vector, filter, candidates);
    if (!request) return [];
    const response = await this.call(() => this.client.query(this.alias, request));
    const ranked = rankCandidates(
      response.points.map((point) => ({ payload: point.payload as ChunkPayload, score: point.score })),
      { ...query, limit },
      this.options.pageBoost ?? DEFAULT_PAGE_BOOST,
      analyzer,
      queryTerms,
    );
    const present =
      ranked.hits.length > 0
        ? await this.presentTerms(presenceTerms(query.text, analyzer), filter)
        : new Set();
    return withEvidence(ranked, query.text, (term) => present.has(term));
  }

  /**
   * Which of `terms` any point (in the filter's locale and version) has, in one batch request: a sparse query
   * on a term's dimension matches only points that contain it. Answerability needs to know when a question
   * word occurs nowhere in the docs.
   */
  private async presentTerms(terms: string[], filter: QdrantFilter | undefined): Promise<Set<string>> {
    if (terms.length === 0) return new Set();
    const results = await this.call(() => this.client.queryBatch(this.alias, presenceRequest(terms, filter)));
    return new Set(terms.filter((_, index) => (results[index]?.points.length ?? 0) > 0));
  }

  /** Every point the request selects, page by page of the scroll API (none when the alias has no collection). */
  private async *scrollAll(
    request: Omit<Parameters<QdrantClient['scroll']>[1], 'offset'>,
  ): AsyncGenerator<{ payload?: unknown; vector?: unknown }> {
    if (!(await this.aliasTarget())) return;
    let offset: string | number | Record<string, unknown> | null | undefined;
    do {
      const batch = await this.call(() =>
        this.client.scroll(this.alias, {
          ...request,
          ...(offset !== undefined && offset !== null ? { offset: offset as string } : {}),
        }),
      );
      yield* batch.points;
      offset = batch.next_page_offset;
    } while (offset !== undefined && offset !== null);
  }

  async page(path: string): Promise<Chunk[]> {
    const chunks: Chunk[] = [];
    for await (const point of this.scrollAll({
      limit: 256,
      filter: { must: [{ key: 'path', match: { value: pagePath(path) } }] },
      with_payload: true,
      with_vector: false,
    }))
      chunks.push(fromPayload(point.payload as ChunkPayload));
    return inPageOrder(chunks);
  }

  async snapshot(): Promise<Map<string, ChunkState>> {
    const states = new Map<string, ChunkState>();
    for await (const point of this.scrollAll({
      limit: 1000,
      with_payload: ['chunk_id', 'hash', 'source_path', 'locale', 'version'],
      with_vector: [DENSE_VECTOR],
    }))
      states.set(...chunkStateOf(point));
    return states;
  }

  /**
   * Every question needs the known locales and versions, and asking Qdrant costs four requests, so the
   * answer is kept for `statsTtlMs` (default 5 s) and dropped whenever this store writes.
   */
  async stats(): Promise<StoreStats> {
    const cached = this.statsCache;
    if (cached && performance.now() - cached.at < (this.options.statsTtlMs ?? 5000)) return cached.value;
    const value = await this.readStats();
    this.statsCache = { value, at: performance.now() };
    return value;
  }

  private async readStats(): Promise<StoreStats> {
    if (!(await this.aliasTarget())) return { chunks: 0, locales: [], versions: [], info: null };
    return readCollectionStats(this.client, this.alias, (request) => this.call(request));
  }

  async health(): Promise<StoreHealth> {
    try {
      const target = await this.aliasTarget();
      if (!target) {
        return {
          ok: false,
          message: `Qdrant has no collection "${this.alias}" yet: run the indexer with --store qdrant.`,
        };
      }
      return {
        ok: true,
        message: `Qdrant collection ${target} (alias ${this.alias}) at ${redactUrl(this.options.url)}`,
      };
    } catch (error) {
      return { ok: false, message: redactUrls(error instanceof Error ? error.message : String(error)) };
    }
  }

  async close(): Promise<void> {}

  /** The collection's recorded analyzers, or a `store:corrupt-index` error that says what to do. */
  private analyzersOf(info: IndexInfo | null): IndexAnalyzers {
    // The stats (and their info) are cached between questions: so are the analyzers read from them.
    if (this.analyzerCache?.info === info) return this.analyzerCache.analyzers;
    try {
      const analyzers = new IndexAnalyzers(info);
      this.analyzerCache = { info, analyzers };
      return analyzers;
    } catch (cause) {
      throw new StoreError(
        'store:corrupt-index',
        `The Qdrant collection ${this.alias} was written by another Docent: ${(cause as Error).message}. Re-run the indexer (\`pnpm run index -- --store qdrant\`) with this Docent, or run the Docent that wrote it.`,
        { cause },
      );
    }
  }

  private analyzerCache: { info: IndexInfo | null; analyzers: IndexAnalyzers } | null = null;

  private async aliasTarget(): Promise<string | null> {
    const { aliases } = await this.call(() => this.client.getAliases());
    return aliases.find((alias) => alias.alias_name === this.alias)?.collection_name ?? null;
  }

  private async upsert(
    collection: string,
    chunks: StoredChunk[],
    withDense: boolean,
    analyzers: IndexAnalyzers,
  ): Promise<void> {
    const batchSize = this.options.batchSize ?? 256;
    for (let start = 0; start < chunks.length; start += batchSize) {
      const points = chunks
        .slice(start, start + batchSize)
        .map((chunk) => toPoint(chunk, withDense, analyzers.of(chunk.locale)));
      await this.call(() => this.client.upsert(collection, { wait: true, points }));
    }
  }

  private call<T>(request: () => Promise<T>): Promise<T> {
    return qdrantRequest(request, { url: this.options.url, retries: this.options.retries ?? 3 });
  }
}
