import type { Chunk, StoredChunk } from '@docent/protocol';
import type { AnswerabilityEvidence } from './answerability.js';
import type { MarkedSnippet } from './marked-snippet.js';

export type SearchFilter = { locale?: string; version?: string };

export type SearchQuery = {
  /** The question (already resolved against the conversation). */
  text: string;
  /** Dense query vector, when an embedder is configured. */
  vector?: number[];
  /** How many hits to return (default 8). */
  limit?: number;
  filter?: SearchFilter;
  /** Path of the page the reader is on (e.g. `/docs/intro`): its chunks get a small boost. */
  boostPath?: string;
};

export type SearchHit = {
  chunk: Chunk;
  /** Final score after fusion and boosts; only comparable within one result list. */
  score: number;
  /**
   * Share of the query's meaning found in this chunk, 0..1: the idf-weighted fraction of the query's
   * terms the chunk contains. Comparable across queries, so the answerability threshold uses it.
   */
  coverage: number;
  /** On the best hit only: what the answerability decision reads (see `answerability.ts`). */
  evidence?: AnswerabilityEvidence;
};

/** A search as the reader types (`GET /api/search`): the last word, unless followed by a space, is a prefix. */
export type TypeaheadQuery = {
  text: string;
  filter?: SearchFilter;
  /** How many sections to return (default 8). */
  limit?: number;
  /** Tolerate typos in long words no page contains (default true; the eval measures both). */
  typos?: boolean;
};

export type TypeaheadHit = {
  chunk: Chunk;
  /** BM25 of the matched words; only comparable within one result list. */
  score: number;
  /** How many of the typed words the section matched (sections matching more come first). */
  matchedWords: number;
  /** The best passage of the section's body, the matched words marked. */
  snippet: MarkedSnippet;
};

/** What the indexer needs to know about a stored chunk: whether it changed, its page, its vector. */
export type ChunkState = {
  hash: string;
  sourcePath: string;
  locale: string;
  version: string;
  vector?: number[];
};

export type IndexInfo = {
  /** Embedder that made the dense vectors, or null for a sparse-only index. */
  embedder: { id: string; dimensions: number } | null;
  builtAt: string;
  /** The docs site's URL (from its build), for absolute links; chunk URLs are paths on it. */
  siteUrl?: string;
  /**
   * The analyzer each locale's pages were indexed with (locale -> analyzer id, e.g. `zh` ->
   * `zh/none/segmenter@1`), written by the store when it publishes; questions are analysed with the same.
   * Absent in indexes from before per-language analysis, which analysed every locale as English.
   */
  analyzers?: Record<string, string>;
  /**
   * The docs version readers get at the docs root (Docusaurus's `lastVersion`, from the site's build, or
   * `--default-version`): what a question that names no version searches.
   */
  defaultVersion?: string;
  /** The site's `baseUrl` (from its build): where `docent-server --static` serves the built site. */
  baseUrl?: string;
};

export type ChangeSet = { upserts: StoredChunk[]; deletes: string[] };

export type StoreStats = {
  chunks: number;
  locales: string[];
  versions: string[];
  info: IndexInfo | null;
};

export type StoreHealth = { ok: boolean; message: string };

/**
 * The contract both stores keep (see the shared contract suite in `store-contract.ts`).
 * `publish` replaces the whole index atomically: readers see the old index or the new one, never a mix.
 */
export interface Store {
  readonly kind: 'local' | 'qdrant';
  publish(chunks: StoredChunk[], info: IndexInfo): Promise<void>;
  applyChanges(changes: ChangeSet, info: IndexInfo): Promise<void>;
  search(query: SearchQuery): Promise<SearchHit[]>;
  /**
   * Search as you type, with prefix matching on the word being typed and typo tolerance (see `typeahead.ts`).
   * Optional: a store without it is searched with `search` on whole words (the service does that).
   */
  typeahead?(query: TypeaheadQuery): Promise<TypeaheadHit[]>;
  /**
   * Every chunk of one page (its path, as `pagePath` gives it), in the order they appear on it: what a client
   * reads back as the page's text. Empty when no page has that path.
   */
  page(path: string): Promise<Chunk[]>;
  /** Every stored chunk's hash (and vector), by chunk id. */
  snapshot(): Promise<Map<string, ChunkState>>;
  stats(): Promise<StoreStats>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
