import { createHash } from 'node:crypto';
import type { Chunk, StoredChunk } from '@docent/protocol';
import { type Analyzer, analyzerFor, termFrequencies } from './analyzer.js';
import { pagePath } from './page-path.js';
import { searchableText } from './searchable-text.js';
import type { ChunkState } from './store.js';

export const SPARSE_VECTOR = 'sparse';
export const DENSE_VECTOR = 'dense';

const K1 = 1.2;
const B = 0.75;
/**
 * Qdrant applies idf itself (`modifier: idf`) but not length normalisation, so documents carry BM25's
 * saturated, length-normalised term frequency. The average length is a constant (chunks are ~350 tokens,
 * ~200 terms after stop words) so incremental upserts need no collection-wide statistics.
 */
const AVERAGE_CHUNK_TERMS = 200;

export type SparseVector = { indices: number[]; values: number[] };

export type ChunkPayload = {
  chunk_id: string;
  text: string;
  source_path: string;
  headings: string[];
  url: string;
  path: string;
  title: string;
  locale: string;
  version: string;
  hash: string;
  /** The chunk's place on its page (absent in collections written before it was recorded). */
  position?: number;
};

/** 32-bit FNV-1a of a term: the sparse vector dimension it occupies (collisions are rare and harmless). */
export function termIndex(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function sparseFrom(frequencies: Map<number, number>, value: (frequency: number) => number): SparseVector {
  const indices = [...frequencies.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((index) => value(frequencies.get(index)!)) };
}

function indexFrequencies(
  text: string,
  analyzer: Analyzer,
): { frequencies: Map<number, number>; length: number } {
  const frequencies = new Map<number, number>();
  let length = 0;
  for (const [term, count] of termFrequencies(text, analyzer)) {
    const index = termIndex(term);
    frequencies.set(index, (frequencies.get(index) ?? 0) + count);
    length += count;
  }
  return { frequencies, length };
}

/** A chunk's searchable text as BM25-weighted sparse dimensions, analysed by its locale's analyzer. */
export function documentSparseVector(text: string, analyzer: Analyzer = analyzerFor()): SparseVector {
  const { frequencies, length } = indexFrequencies(text, analyzer);
  const norm = K1 * (1 - B + (B * length) / AVERAGE_CHUNK_TERMS);
  return sparseFrom(frequencies, (frequency) => (frequency * (K1 + 1)) / (frequency + norm));
}

/** A question's terms (analysed as their locale's pages were) as sparse dimensions of weight 1. */
export function querySparseVector(terms: readonly string[]): SparseVector {
  return sparseFrom(new Map(terms.map((term) => [termIndex(term), 1])), () => 1);
}

/** Qdrant point ids are unsigned integers or UUIDs: a UUID-shaped hash of the chunk id. */
export function pointId(chunkId: string): string {
  const hex = createHash('sha256').update(chunkId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function toPoint(chunk: StoredChunk, withDense: boolean, analyzer: Analyzer = analyzerFor()) {
  const payload: ChunkPayload = {
    chunk_id: chunk.id,
    text: chunk.text,
    source_path: chunk.sourcePath,
    headings: chunk.headings,
    url: chunk.url,
    path: pagePath(chunk.url),
    title: chunk.title,
    locale: chunk.locale,
    version: chunk.version,
    hash: chunk.hash,
    ...(chunk.position !== undefined ? { position: chunk.position } : {}),
  };
  const vector: Record<string, number[] | SparseVector> = {
    [SPARSE_VECTOR]: documentSparseVector(searchableText(chunk), analyzer),
  };
  if (withDense) {
    if (!chunk.vector) throw new Error(`Chunk ${chunk.id} has no dense vector but the collection has one.`);
    vector[DENSE_VECTOR] = chunk.vector;
  }
  return { id: pointId(chunk.id), vector, payload };
}

export function fromPayload(payload: ChunkPayload): Chunk {
  return {
    id: payload.chunk_id,
    text: payload.text,
    sourcePath: payload.source_path,
    headings: payload.headings,
    url: payload.url,
    title: payload.title,
    locale: payload.locale,
    version: payload.version,
    hash: payload.hash,
    ...(typeof payload.position === 'number' ? { position: payload.position } : {}),
  };
}

/** The state of a scrolled point (its payload's hash, path, locale, version, and dense vector if read). */
export function chunkStateOf(point: {
  payload?: unknown;
  vector?: unknown;
}): [id: string, state: ChunkState] {
  const payload = point.payload as ChunkPayload;
  const dense = (point.vector as Record<string, unknown> | undefined)?.[DENSE_VECTOR];
  const state: ChunkState = {
    hash: payload.hash,
    sourcePath: payload.source_path,
    locale: payload.locale,
    version: payload.version,
  };
  if (Array.isArray(dense)) state.vector = dense as number[];
  return [payload.chunk_id, state];
}
